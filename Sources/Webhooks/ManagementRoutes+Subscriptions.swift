import APIContract
import Foundation
import Hummingbird
import Runtime

extension ManagementRoutes {
    /// `GET {path}`: one page, newest first.
    func list(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        let (_, scope) = try caller(context)
        let query = try ContractQuery(request, parameters: WebhookContract.pageParameters)
        let limit = query.integer("limit") ?? WebhookContract.page.defaultLimit
        let offset = query.integer("offset") ?? 0
        let (items, total) = try await store.page(in: scope, limit: limit, offset: offset)
        return answer(.ok, OffsetPage(items: items, total: total, limit: limit, offset: offset))
    }

    /// `POST {path}`: the URL passes the address guard, each pattern matches a declared event.
    func create(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        let (identity, scope) = try caller(context)
        let input = try await decode(request, contract.bodies.create)
        let patterns = Self.strings(try input.optionalArray("event_types") ?? [])
        let url = try await checkedURL(try input.string("url"))
        let secret = WebhookSecret.generate().text
        let time = now
        let row = try SQLRow(values: [
            .text(StoredSubscription.newID()), scope.organization.map(SQLValue.text) ?? .null, .text(url),
            try input.optionalString("description").map(SQLValue.text) ?? .null, .text(secret), .null, .null,
            .integer(try input.optionalBool("enabled") ?? true ? 1 : 0), .null, .integer(time), .integer(time),
        ])
        var subscription = try StoredSubscription(row: row)
        subscription.eventTypes = Set(patterns).sorted()
        let fields = ["url", "event_types", "enabled"] + (subscription.description == nil ? [] : ["description"])
        var plan = WritePlan()
        let count = plan.add(store.count(in: scope))
        let statements = store.insert(subscription) + auditEvent("created", subscription.id, fields: fields, identity: identity, context: context)
        plan.derive { results in
            guard case .integer(let stored)? = results.first(count)?.rows.first?.values.first, stored < WebhookContract.maximumSubscriptions else {
                throw APIError.conflict("At most \(WebhookContract.maximumSubscriptions) webhook subscriptions per organization; delete one first.")
            }
            return statements
        }
        _ = try await database.write(plan)
        changes.wake()
        subscription.shownSecret = secret
        return answer(.created, subscription)
    }

    /// `GET {path}/{id}`.
    func get(_ context: LoomRequestContext) async throws -> Response {
        let (_, scope) = try caller(context)
        return answer(.ok, try await subscription(context, scope: scope))
    }

    /// `PATCH {path}/{id}`: members left out keep their values.
    func update(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        let (identity, scope) = try caller(context)
        let input = try await decode(request, contract.bodies.update)
        let current = try await subscription(context, scope: scope)
        var sets: [(String, SQLValue)] = []
        if let url = try input.optionalString("url") { sets.append(("url", .text(try await checkedURL(url)))) }
        if try input.isPresent("description") { sets.append(("description", try input.optionalString("description").map(SQLValue.text) ?? .null)) }
        if let enabled = try input.optionalBool("enabled") {
            sets.append(("enabled", .integer(enabled ? 1 : 0)))
            if enabled { sets.append(("disabled_reason", .null)) }
        }
        let patterns = try input.optionalArray("event_types").map(Self.strings)
        var p = PlaceholderSequence(dialect: database.dialect)
        let assignments = (sets + [("updated_at", .integer(now))]).map { "\($0.0) = \(p.next())" }.joined(separator: ", ")
        var statements = [SQLStatement(
            "UPDATE webhook_subscriptions SET \(assignments) WHERE id = \(p.next())", sets.map(\.1) + [.integer(now), .text(current.id)])]
        if let patterns { statements += store.replacePatterns(patterns, of: current.id) }
        if try input.optionalBool("enabled") == true {
            var q = PlaceholderSequence(dialect: database.dialect)
            statements.append(SQLStatement("DELETE FROM webhook_subscription_states WHERE subscription = \(q.next())", [.text(current.id)]))
        }
        let changed = sets.map(\.0).filter { $0 != "disabled_reason" } + (patterns == nil ? [] : ["event_types"])
        statements += auditEvent("updated", current.id, fields: changed, identity: identity, context: context)
        _ = try await database.write(statements)
        changes.wake()
        return answer(.ok, try await subscription(context, scope: scope))
    }

    /// `DELETE {path}/{id}`: its deliveries (and their attempts) go with it, and so do the
    /// messages no other subscription has a delivery of, nor will have (a message whose static
    /// subscriptions' deliveries are not written yet stays: `DeliveryFanOut`), in the same
    /// transaction. On PostgreSQL its deliveries are locked first, in id order, the order a
    /// delivery loop records attempts in (`DeliveryStore.record`): the cascade from the messages
    /// locked them in any order, and deadlocked with a loop recording two of them.
    func delete(_ context: LoomRequestContext) async throws -> Response {
        let (identity, scope) = try caller(context)
        let current = try await subscription(context, scope: scope)
        var p = PlaceholderSequence(dialect: database.dialect)
        var q = PlaceholderSequence(dialect: database.dialect)
        var m = PlaceholderSequence(dialect: database.dialect)
        let locks = DeliveryStore.locks(of: current.id, pendingOnly: false, dialect: database.dialect)
        let messages = SQLStatement(
            """
            DELETE FROM webhook_messages WHERE fan_out IS NULL AND id IN (SELECT message_id FROM webhook_deliveries WHERE subscription = \(m.next())) \
            AND NOT EXISTS (SELECT 1 FROM webhook_deliveries o WHERE o.message_id = webhook_messages.id AND o.subscription <> \(m.next()))
            """,
            [.text(current.id), .text(current.id)])
        _ = try await database.write(locks + [
            messages,
            SQLStatement("DELETE FROM webhook_deliveries WHERE subscription = \(p.next())", [.text(current.id)]),
            SQLStatement("DELETE FROM webhook_subscriptions WHERE id = \(q.next())", [.text(current.id)]),
        ] + auditEvent("deleted", current.id, fields: [], identity: identity, context: context))
        changes.wake()
        return Response(status: .noContent)
    }

    /// `POST {path}/{id}/rotate-secret`: the old secret keeps signing for the grace period.
    func rotate(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        let (identity, scope) = try caller(context)
        let input = try await decode(request, contract.bodies.rotate)
        let current = try await subscription(context, scope: scope)
        let grace = try input.optionalInteger("grace_seconds") ?? Int64(contract.options.defaultRotationGraceSeconds)
        let secret = WebhookSecret.generate().text
        let time = now
        var p = PlaceholderSequence(dialect: database.dialect)
        _ = try await database.write([SQLStatement(
            """
            UPDATE webhook_subscriptions SET previous_secret = secret, previous_secret_expires_at = \(p.next()), secret = \(p.next()), \
            updated_at = \(p.next()) WHERE id = \(p.next())
            """,
            [.integer(time + grace * 1000), .text(secret), .integer(time), .text(current.id)])]
            + auditEvent("secret_rotated", current.id, fields: ["secret"], identity: identity, context: context))
        changes.wake()
        var rotated = try await subscription(context, scope: scope)
        rotated.shownSecret = secret
        return answer(.ok, rotated)
    }

    /// `POST {path}/{id}/test`: a `webhook.test` message to this subscription alone.
    func sendTest(_ context: LoomRequestContext) async throws -> Response {
        let (_, scope) = try caller(context)
        let current = try await subscription(context, scope: scope)
        let message = try await log.queueTest(to: current, at: options.clock.now(), tenantScoped: settings.tenantScoped)
        signal.wake()
        return answer(.accepted, message)
    }

    /// `text` as a URL the address guard accepts, or 422 naming `url`.
    func checkedURL(_ text: String) async throws -> String {
        guard let url = URL(string: text), url.host != nil else {
            throw APIError.validation([.init(field: "url", message: "must be an absolute http or https URL")])
        }
        do {
            _ = try await options.addressGuard.target(for: url)
        } catch {
            throw APIError.validation([.init(field: "url", message: "refused: \(error.message)")])
        }
        return text
    }

    /// The strings of a validated array (the event type patterns, each one of the enumeration).
    static func strings(_ values: [InputValue]) -> [String] {
        values.compactMap { value in
            guard case .string(let text) = value else { return nil }
            return text
        }
    }
}
