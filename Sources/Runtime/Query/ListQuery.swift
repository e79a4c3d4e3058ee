import Hummingbird
import HummingbirdCore

/// The parsed query string of a list request: paging and equality filters.
///
/// Every parameter is checked against what the table declares; an unknown parameter or a
/// value of the wrong type is a 400 naming it, so a typo never silently returns everything.
public struct ListQuery: Sendable {
    /// Page size.
    public var limit: Int
    /// Rows to skip.
    public var offset: Int
    /// Equality filters in the order the table declares them.
    public var filters: [(column: String, value: SQLValue)]

    /// Parses `request`'s query against `table`'s filters and the app's paging limits.
    public static func parse(_ uri: URI, table: TableDescriptor, limits: PageLimits) throws(APIError) -> ListQuery {
        var query = ListQuery(limit: limits.defaultSize, offset: 0, filters: [])
        var errors: [APIError.FieldError] = []
        var seen = Set<String>()
        var filterValues: [String: String] = [:]
        for (key, value) in uri.queryParameters {
            let name = String(key)
            let text = String(value)
            guard seen.insert(name).inserted else {
                errors.append(.init(field: name, message: "is given more than once"))
                continue
            }
            switch name {
            case "limit":
                guard let limit = Int(text), (1...limits.maximumSize).contains(limit) else {
                    errors.append(.init(field: "limit", message: "must be an integer from 1 to \(limits.maximumSize)"))
                    continue
                }
                query.limit = limit
            case "offset":
                guard let offset = Int(text), offset >= 0 else {
                    errors.append(.init(field: "offset", message: "must be a non-negative integer"))
                    continue
                }
                query.offset = offset
            default:
                filterValues[name] = text
            }
        }
        let filterNames = Set(table.filters.map(\.name))
        for name in filterValues.keys.sorted() where !filterNames.contains(name) {
            let allowed = (["limit", "offset"] + table.filters.map(\.name)).joined(separator: ", ")
            errors.append(.init(field: name, message: "is not a query parameter of this list; allowed: \(allowed)"))
        }
        for filter in table.filters {
            guard let text = filterValues[filter.name] else { continue }
            switch ParameterDecoder.value(text: text, rule: filter.rule, field: filter.name) {
            case .success(let value): query.filters.append((filter.column, value.sqlValue))
            case .failure(let error): errors.append(error)
            }
        }
        guard errors.isEmpty else {
            throw APIError.badRequest("The query string has \(errors.count) invalid parameter\(errors.count == 1 ? "" : "s").", fieldErrors: errors)
        }
        return query
    }
}

/// Default and maximum page sizes of an app.
public struct PageLimits: Sendable {
    /// Page size when `limit` is absent.
    public let defaultSize: Int
    /// Largest accepted `limit`.
    public let maximumSize: Int
    /// Creates limits.
    public init(defaultSize: Int, maximumSize: Int) {
        self.defaultSize = defaultSize
        self.maximumSize = maximumSize
    }
}
