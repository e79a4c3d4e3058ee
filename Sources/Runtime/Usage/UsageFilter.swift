import APIContract
import Hummingbird
import ValueFormats

/// The filters and the page of one `GET <base><usage path>`, read from a query string checked
/// against the declared parameters (`UsageContract.queryParameters`, with the app's page sizes), plus the organization a
/// bound caller is confined to.
struct UsageFilter: Sendable {
    var apiKeyID: String?
    var organizationID: String?
    /// First day included (days since 1970).
    var fromDay: Int?
    /// Last day included (days since 1970).
    var toDay: Int?
    /// Whether rows are summed per day and organization instead of kept per key.
    var byOrganization = false
    /// The caller's organization, when the caller is bound to one: only its rows are seen.
    var confinedTo: String?
    var limit: Int
    var offset = 0

    /// Reads the filters of `request` against `contract` (its page sizes are the app's) for a
    /// caller bound to `organization` (or to none).
    /// - Throws: `APIError` 400 naming each malformed, out-of-range or unknown parameter.
    init(_ request: Request, contract: UsageContract, organization: String?) throws(APIError) {
        let query = try ContractQuery(request, parameters: contract.queryParameters)
        fromDay = query.text("from").flatMap(CalendarDay.number)
        toDay = query.text("to").flatMap(CalendarDay.number)
        // Stored as UUID text; the app may write them with prefixes (`auth.ids`).
        apiKeyID = query.uuid("api_key_id").map(ValueFormats.lowercaseText)
        organizationID = query.uuid("organization_id").map(ValueFormats.lowercaseText)
        byOrganization = query.text("group") == "organization"
        confinedTo = organization
        limit = query.integer("limit") ?? contract.page.defaultLimit
        offset = query.integer("offset") ?? 0
    }

    /// The `WHERE` clause (empty without filters) and its binds, numbered from the first placeholder.
    func condition(dialect: SQLDialect) -> (sql: String, binds: [SQLValue]) {
        var clause = WhereClause(dialect: dialect)
        clause.add("organization_id", "=", confinedTo.map(SQLValue.text))
        clause.add("organization_id", "=", organizationID.map(SQLValue.text))
        clause.add("api_key_id", "=", apiKeyID.map(SQLValue.text))
        clause.add("day", ">=", fromDay.map { .integer(Int64($0)) })
        clause.add("day", "<=", toDay.map { .integer(Int64($0)) })
        return clause.result
    }
}
