import APIContract
import Foundation
import Hummingbird
import Runtime

extension ManagementRoutes {
    /// `GET {path}/{id}/messages`: newest first, optionally in one delivery state.
    func messages(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        let (_, scope) = try caller(context)
        let query = try ContractQuery(request, parameters: WebhookContract.messageParameters)
        let current = try await subscription(context, scope: scope)
        let limit = query.integer("limit") ?? WebhookContract.page.defaultLimit
        let offset = query.integer("offset") ?? 0
        let (items, total) = try await log.page(subscription: current.id, status: query.text("status"), limit: limit, offset: offset)
        return answer(.ok, OffsetPage(items: items, total: total, limit: limit, offset: offset))
    }

    /// `GET {path}/{id}/messages/{message_id}/attempts`: newest first.
    func attempts(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        let (_, scope) = try caller(context)
        let query = try ContractQuery(request, parameters: WebhookContract.pageParameters)
        let current = try await subscription(context, scope: scope)
        let message = try await self.message(context, of: current)
        let limit = query.integer("limit") ?? WebhookContract.page.defaultLimit
        let offset = query.integer("offset") ?? 0
        let (items, total) = try await log.attempts(message: message.id, subscription: current.id, limit: limit, offset: offset)
        return answer(.ok, OffsetPage(items: items, total: total, limit: limit, offset: offset))
    }

    /// `POST {path}/{id}/messages/{message_id}/replay`.
    func replay(_ context: LoomRequestContext) async throws -> Response {
        let (_, scope) = try caller(context)
        let current = try await subscription(context, scope: scope)
        let message = try await self.message(context, of: current)
        _ = try await log.replay(subscription: current.id, message: message.id, failedSince: nil, now: now)
        signal.wake()
        return answer(.accepted, try await self.message(context, of: current))
    }

    /// `POST {path}/{id}/replay`: every failed message created at or after `since`.
    func replayFailed(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        let (_, scope) = try caller(context)
        let input = try await decode(request, contract.bodies.replay)
        let current = try await subscription(context, scope: scope)
        let since = try input.optionalTimestamp("since").map(WebhookClock.milliseconds) ?? 0
        let count = try await log.replay(subscription: current.id, message: nil, failedSince: since, now: now)
        if count > 0 { signal.wake() }
        return answer(.accepted, ReplayResult(replayed: count))
    }

    /// The message of the `{message_id}` path parameter as delivered to `subscription`, or 404.
    private func message(_ context: LoomRequestContext, of subscription: StoredSubscription) async throws -> MessageRecord {
        let id = context.parameters.get("message_id") ?? ""
        guard let found = try await log.find(message: id, subscription: subscription.id) else { throw notFound("webhook message", id) }
        return found
    }
}

/// What a replay queued (`WebhookReplayResult`).
struct ReplayResult: Sendable, JSONWritable {
    /// Messages set back to pending.
    let replayed: Int

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("replayed", replayed)
        writer.endObject()
    }
}
