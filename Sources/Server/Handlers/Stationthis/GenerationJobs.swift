import Foundation
import Generated
import Runtime
import Webhooks
import ValueFormats

/// stationthis generations (`POST /api/v1/generations/execute`, `GET /api/v1/generations/status/{id}`):
/// a job row per run, which `GenerationWorker` runs and completes.
struct GenerationJobs: Sendable {
    /// The caller's context.
    let context: HandlerContext
    /// Checks webhook-mode delivery URLs as deliveries will (`AddressGuard`).
    let addressGuard: AddressGuard

    typealias Job = Stationthis.GenerationJobs.Record

    /// Checks the run and writes its job (pending); 404 for an unknown tool, 400 naming
    /// `delivery.url` / `delivery.secret` for a webhook delivery without them or to a URL the
    /// delivery rules refuse.
    func execute(_ body: Stationthis.Operations.GenerationsExecute.Body) async throws -> Job {
        guard let userID = context.identity?.userID.flatMap(ValueFormats.uuid) else {
            throw APIError.forbidden("Generations belong to user accounts; sign in as a user or use a user's API key.")
        }
        guard try await context.store(Stationthis.Tools.Record.self).find(body.toolId) != nil else {
            throw APIError(status: .notFound, code: "NOT_FOUND", detail: "Tool not found.")
        }
        let mode = body.delivery?.mode ?? "poll"
        var url: String?
        var secret: String?
        if mode == "webhook" {
            url = try await checkedURL(body.delivery?.url)
            guard let given = body.delivery?.secret, !given.isEmpty else {
                throw APIError.validation([.init(field: "delivery.secret", message: "is required when delivery.mode is webhook")])
            }
            secret = given
        } else if body.delivery?.url != nil || body.delivery?.secret != nil {
            let field = body.delivery?.url != nil ? "delivery.url" : "delivery.secret"
            throw APIError.validation([.init(field: field, message: "is only taken when delivery.mode is webhook")])
        }
        return try await context.store(Job.self).create(.init(
            userId: userID, toolId: body.toolId, inputs: body.inputs, status: "pending", deliveryMode: mode, deliveryUrl: url,
            deliverySecret: secret))
    }

    /// The caller's job `id`; 404 for an unknown id and for another user's job alike.
    func status(_ id: String) async throws -> Job {
        guard let job = try await context.store(Job.self).find(id), ValueFormats.lowercaseText(of: job.userId) == context.identity?.userID?.lowercased() else {
            throw APIError(status: .notFound, code: "NOT_FOUND", detail: "Generation not found.")
        }
        return job
    }

    /// An absolute http(s) URL whose host resolves only to addresses webhook deliveries may
    /// reach; 400 naming `delivery.url` otherwise.
    private func checkedURL(_ text: String?) async throws -> String {
        func refused(_ message: String) -> APIError { APIError.validation([.init(field: "delivery.url", message: message)]) }
        guard let text, !text.isEmpty else { throw refused("is required when delivery.mode is webhook") }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), ["http", "https"].contains(scheme), url.host != nil else {
            throw refused("must be an absolute http or https URL")
        }
        do {
            _ = try await addressGuard.target(for: url)
        } catch {
            throw refused("is refused: \(error.message)")
        }
        return text
    }
}
