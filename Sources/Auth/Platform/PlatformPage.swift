import APIContract
import Hummingbird
import Runtime

/// `limit` / `offset` and the text filters of the platform list routes, read from a query
/// string already checked against the route's declared parameters (`ContractQuery`).
struct PlatformPage: Sendable {
    /// Rows per page.
    let limit: Int
    /// Rows skipped.
    let offset: Int
    /// The checked query string (for the filters).
    let query: ContractQuery

    /// Reads the page of `request`, whose query parameters are those of `route`.
    /// - Throws: `APIError` 400 naming each malformed, out-of-range or unknown parameter.
    init(_ request: Request, route: ContractRoute<PlatformOperation>) throws(APIError) {
        query = try ContractQuery(request, parameters: route.parameters)
        limit = query.integer("limit") ?? PlatformContract.page.defaultLimit
        offset = query.integer("offset") ?? 0
    }

    /// A `LIKE` pattern matching `text` anywhere, lower-cased, with `%`, `_` and `\` escaped
    /// (the statements say `ESCAPE '\'`).
    static func containsPattern(_ text: String) -> String {
        var pattern = "%"
        for character in text.lowercased() {
            if character == "%" || character == "_" || character == "\\" { pattern.append("\\") }
            pattern.append(character)
        }
        return pattern + "%"
    }
}
