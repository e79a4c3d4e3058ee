import Foundation
import Runtime

/// `webhook_subscriptions` and `webhook_subscription_events` as the management API uses them.
/// Every read and write names the caller's organization when it is bound to one, so another
/// organization's subscription is never found (404), never changed.
struct SubscriptionStore: Sendable {
    /// The database.
    let database: any DatabaseClient

    /// The subscriptions a caller may see: those of `organization`, or all when `nil`.
    struct Scope: Sendable {
        /// The caller's organization in a tenant-scoped app.
        let organization: String?

        /// ` AND organization_id = ?` when bound, with its value.
        func condition(_ placeholders: inout PlaceholderSequence) -> (String, [SQLValue]) {
            guard let organization else { return ("", []) }
            return (" AND organization_id = \(placeholders.next())", [.text(organization)])
        }
    }

    /// The statements storing `subscription` with its patterns.
    func insert(_ subscription: StoredSubscription) -> [SQLStatement] {
        var p = PlaceholderSequence(dialect: database.dialect)
        let values = p.list(11)
        let row = SQLStatement(
            "INSERT INTO webhook_subscriptions (\(StoredSubscription.columns)) VALUES (\(values))",
            [.text(subscription.id), subscription.organizationID.map(SQLValue.text) ?? .null, .text(subscription.url),
             subscription.description.map(SQLValue.text) ?? .null, .text(subscription.secret), .null, .null,
             .integer(subscription.enabled ? 1 : 0), .null, .integer(subscription.createdAt), .integer(subscription.updatedAt)])
        return [row] + patterns(subscription.eventTypes, of: subscription.id)
    }

    /// The statements inserting `patterns` of subscription `id`.
    func patterns(_ patterns: [String], of id: String) -> [SQLStatement] {
        Set(patterns).sorted().map { pattern in
            var p = PlaceholderSequence(dialect: database.dialect)
            return SQLStatement(
                "INSERT INTO webhook_subscription_events (subscription_id, pattern) VALUES (\(p.next()), \(p.next()))", [.text(id), .text(pattern)])
        }
    }

    /// Replaces the patterns of `id`.
    func replacePatterns(_ patterns: [String], of id: String) -> [SQLStatement] {
        var p = PlaceholderSequence(dialect: database.dialect)
        return [SQLStatement("DELETE FROM webhook_subscription_events WHERE subscription_id = \(p.next())", [.text(id)])]
            + self.patterns(patterns, of: id)
    }

    /// `SELECT COUNT(*)` of the subscriptions `scope` owns (an unbound caller's: those of no
    /// organization), for the cap checked in the create's transaction.
    func count(in scope: Scope) -> SQLStatement {
        var p = PlaceholderSequence(dialect: database.dialect)
        guard let organization = scope.organization else {
            return SQLStatement("SELECT COUNT(*) FROM webhook_subscriptions WHERE organization_id IS NULL")
        }
        return SQLStatement("SELECT COUNT(*) FROM webhook_subscriptions WHERE organization_id = \(p.next())", [.text(organization)])
    }

    /// The subscription `id`, when the scope covers it.
    func find(_ id: String, in scope: Scope) async throws -> StoredSubscription? {
        var p = PlaceholderSequence(dialect: database.dialect)
        let key = p.next()
        let (condition, values) = scope.condition(&p)
        let rows = try await database.fetch(SQLStatement(
            "SELECT \(StoredSubscription.columns) FROM webhook_subscriptions WHERE id = \(key)\(condition)", [.text(id)] + values))
        guard let row = rows.first else { return nil }
        return try await withPatterns([StoredSubscription(row: row)]).first
    }

    /// One page, newest first, with the total.
    func page(in scope: Scope, limit: Int, offset: Int) async throws -> ([StoredSubscription], Int) {
        var p = PlaceholderSequence(dialect: database.dialect)
        let (condition, values) = scope.condition(&p)
        let (count, skip) = (p.next(), p.next())
        let rows = try await database.fetch(SQLStatement(
            """
            SELECT \(StoredSubscription.columns) FROM webhook_subscriptions WHERE 1 = 1\(condition) \
            ORDER BY created_at DESC, id DESC LIMIT \(count) OFFSET \(skip)
            """,
            values + [.integer(Int64(limit)), .integer(Int64(offset))]))
        var q = PlaceholderSequence(dialect: database.dialect)
        let (totalCondition, totalValues) = scope.condition(&q)
        let total = try await database.fetch(SQLStatement("SELECT COUNT(*) FROM webhook_subscriptions WHERE 1 = 1\(totalCondition)", totalValues))
        var reader = RowReader(total.first ?? SQLRow(values: [.integer(0)]))
        return (try await withPatterns(rows.map(StoredSubscription.init(row:))), Int(try reader.integer()))
    }

    /// Every enabled subscription, for the delivery service (which needs no patterns: the
    /// outbox hook matched them when it wrote the deliveries).
    func enabled() async throws -> [StoredSubscription] {
        let rows = try await database.fetch(SQLStatement(
            "SELECT \(StoredSubscription.columns) FROM webhook_subscriptions WHERE enabled = 1 ORDER BY id"))
        return try rows.map(StoredSubscription.init(row:))
    }

    /// `subscriptions` with their patterns read.
    private func withPatterns(_ subscriptions: [StoredSubscription]) async throws -> [StoredSubscription] {
        guard !subscriptions.isEmpty else { return [] }
        var p = PlaceholderSequence(dialect: database.dialect)
        let list = p.list(subscriptions.count)
        let rows = try await database.fetch(SQLStatement(
            "SELECT subscription_id, pattern FROM webhook_subscription_events WHERE subscription_id IN (\(list)) ORDER BY pattern",
            subscriptions.map { .text($0.id) }))
        var byID: [String: [String]] = [:]
        for row in rows {
            var reader = RowReader(row)
            byID[try reader.string(), default: []].append(try reader.string())
        }
        return subscriptions.map { subscription in
            var copy = subscription
            copy.eventTypes = byID[subscription.id] ?? []
            return copy
        }
    }
}
