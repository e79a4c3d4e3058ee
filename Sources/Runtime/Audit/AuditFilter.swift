import APIContract
import Foundation
import Hummingbird

/// The filters and the page of one `GET <base>/audit`, read from a query string checked against
/// the declared parameters (`AuditContract.queryParameters(page:)`, with the app's page sizes), plus the organization a bound
/// caller is confined to.
struct AuditFilter: Sendable {
    /// Whether the page reads the `Auth` module's trail (`source=auth`) instead of table writes.
    var authTrail = false
    var actor: String?
    var action: String?
    var resource: String?
    var resourceID: String?
    /// Inclusive lower bound, in milliseconds.
    var since: Int64?
    /// Exclusive upper bound, in milliseconds.
    var until: Int64?
    /// The caller's organization, when the caller is bound to one: only its events are seen.
    var organization: String?
    var limit: Int
    var offset = 0

    /// Reads the filters of `request`, paged by `page`, for a caller bound to `organization` (or to none).
    /// - Throws: `APIError` 400 naming each malformed, out-of-range or unknown parameter.
    init(_ request: Request, page: ContractPageSize, organization: String?) throws(APIError) {
        let query = try ContractQuery(request, parameters: AuditContract.queryParameters(page: page))
        authTrail = query.text("source") == AuditContract.authResource
        actor = query.text("actor")
        action = query.text("action")
        resource = query.text("resource")
        resourceID = query.text("resource_id")
        since = try Self.time(query, "since")
        until = try Self.time(query, "until")
        self.organization = organization
        limit = query.integer("limit") ?? page.defaultLimit
        offset = query.integer("offset") ?? 0
    }

    /// The time `name` in milliseconds, or 400 when it is not an ISO 8601 date-time.
    private static func time(_ query: ContractQuery, _ name: String) throws(APIError) -> Int64? {
        guard let text = query.text(name) else { return nil }
        guard let date = TimestampFormat.parseTimestamp(text) else {
            throw APIError.invalidParameters([.init(field: name, message: "must be an ISO 8601 date-time, e.g. 2026-01-31T12:00:00Z")])
        }
        return AuditEvent.milliseconds(date)
    }

    /// The `WHERE` clause of the `Auth` module's trail (`auth_audit_events`, which records no
    /// organization, credential or request) and its binds; a `resource` other than `auth` matches nothing.
    func authCondition(dialect: SQLDialect) -> (sql: String, binds: [SQLValue]) {
        var clause = WhereClause(dialect: dialect)
        if let resource, resource != AuditContract.authResource { clause.terms.append("1 = 0") }
        clause.add("actor_id", "=", actor.map(SQLValue.text))
        clause.add("action", "=", action.map(SQLValue.text))
        clause.add("target_id", "=", resourceID.map(SQLValue.text))
        clause.add("occurred_at", ">=", since.map { .timestamp(Self.date($0)) })
        clause.add("occurred_at", "<", until.map { .timestamp(Self.date($0)) })
        return clause.result
    }

    /// A time in milliseconds as a date.
    static func date(_ milliseconds: Int64) -> Date { Date(timeIntervalSince1970: Double(milliseconds) / 1000) }

    /// The `WHERE` clause (empty without filters) and its binds, numbered from the first placeholder.
    func condition(dialect: SQLDialect) -> (sql: String, binds: [SQLValue]) {
        var clause = WhereClause(dialect: dialect)
        clause.add("organization_id", "=", organization.map(SQLValue.text))
        clause.add("actor", "=", actor.map(SQLValue.text))
        clause.add("action", "=", action.map(SQLValue.text))
        clause.add("resource", "=", resource.map(SQLValue.text))
        clause.add("resource_id", "=", resourceID.map(SQLValue.text))
        clause.add("occurred_at", ">=", since.map(SQLValue.integer))
        clause.add("occurred_at", "<", until.map(SQLValue.integer))
        return clause.result
    }
}
