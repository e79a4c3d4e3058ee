import APIContract
import Hummingbird
import HummingbirdCore
import QueryGrammar

/// The parsed query string of a list request: paging, filter, sort, cursor and count mode.
///
/// Every parameter is checked; an unknown parameter or a malformed value is a 400 naming it,
/// so a typo never silently returns everything. Field names inside `filter` and `sort` are
/// checked against the table when the SQL is built (`ListStatements`).
public struct ListQuery: Sendable {
    /// Page size.
    public var limit: Int
    /// Rows to skip.
    public var offset: Int
    /// Equality shorthand filters (`?status=todo`) in the order the table declares them.
    public var filters: [(column: String, value: SQLValue)]
    /// The `filter=` expression.
    public var filter: FilterExpression?
    /// The `sort=` keys; the primary key is always added last as a tiebreak.
    public var sort: [SortKey]
    /// The `sort=` text as sent, bound into cursors so a cursor cannot be replayed under another order.
    public var sortText: String
    /// The decoded `cursor=`: values of the sort keys and the key of the last row seen.
    public var cursor: [SQLValue]?
    /// Whether to count all matching rows (`count=exact`, default) or skip it (`count=none`).
    public var countTotal: Bool
    /// The `fields=` text, resolved against the record's members by `FieldSelection`.
    public var fieldsText: String?
    /// Relation fields named in `expand=`, checked when the SQL is built.
    public var expand: [String] = []
    /// The `q=` full-text query, already turned into the dialect's search syntax.
    public var search: String?
    /// Which rows of a `softDelete` table to list.
    public var deleted: DeletedRows = .exclude
    /// The table's named list parameters sent (`from=...`): column, operator, value.
    public var comparisons: [(column: String, comparison: String, value: SQLValue)] = []
    /// `aggregate=`: figures over every matching record, answered in `aggregations`.
    public var aggregate: AggregateRequest?

    /// Creates a query.
    public init(
        limit: Int, offset: Int, filters: [(column: String, value: SQLValue)], filter: FilterExpression? = nil,
        sort: [SortKey] = [], sortText: String = "", cursor: [SQLValue]? = nil, countTotal: Bool = true
    ) {
        self.limit = limit
        self.offset = offset
        self.filters = filters
        self.filter = filter
        self.sort = sort
        self.sortText = sortText
        self.cursor = cursor
        self.countTotal = countTotal
    }

    /// The name of `include_deleted` in an app spelling members with `naming`; spelled once, where
    /// the list's handlers are made.
    public static func includeDeletedName(_ naming: JSONNaming) -> String { naming.name("include_deleted") }

    /// The list parameters every table accepts besides its equality shorthands (`include_deleted`
    /// spelled in the app's naming). `ListQueryReservedNamesTests` holds the schema validator's and
    /// the document's lists to this one.
    public static let reservedParameters = [
        "limit", "offset", "filter", "sort", "cursor", "count", "fields", "expand", "deleted", "include_deleted", "q", "aggregate",
    ]

    /// Parses `request`'s query against `table`'s filters and the app's paging limits; a
    /// `cursor` must carry `cursors`' signature (`CursorCodec`).
    /// `include_deleted=true|false` (spelled as the app spells it: `includeDeleted`, see
    /// `includeDeletedName`) is `deleted=include|exclude`.
    public static func parse(
        _ uri: URI, table: TableDescriptor, limits: PageLimits, cursors: CursorCodec = .random(), includeDeleted: String = "include_deleted"
    ) throws(APIError) -> ListQuery {
        var query = ListQuery(limit: limits.defaultSize, offset: 0, filters: [])
        var errors: [APIError.FieldError] = []
        var seen = Set<String>()
        var filterValues: [String: String] = [:]
        var cursorText: String?
        for (name, text) in try QueryString(uri).parameters {
            guard seen.insert(name).inserted else {
                errors.append(.init(field: name, message: "is given more than once"))
                continue
            }
            if name == includeDeleted, table.softDelete {
                switch text {
                case "true": query.deleted = .include
                case "false": query.deleted = .exclude
                default: errors.append(.init(field: name, message: "must be true or false"))
                }
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
            case "filter":
                do { query.filter = try FilterParser.parse(text) } catch {
                    errors.append(.init(field: "filter", message: error.message))
                }
            case "sort":
                do {
                    query.sort = try SortParser.parse(text)
                    query.sortText = text
                } catch {
                    errors.append(.init(field: "sort", message: error.message))
                }
            case "cursor": cursorText = text
            case "fields": query.fieldsText = text
            case "q" where table.search != nil:
                switch SearchQuery.make(text) {
                case .success(let search): query.search = search
                case .failure(let error): errors.append(error)
                }
            case "deleted" where table.softDelete:
                guard let mode = DeletedRows(rawValue: text) else {
                    errors.append(.init(field: "deleted", message: "must be exclude, include or only"))
                    continue
                }
                query.deleted = mode
            case "aggregate":
                switch AggregateRequest.parse(text, columns: table.filters) {
                case .success(let request): query.aggregate = request
                case .failure(let error): errors.append(error)
                }
            case "expand": query.expand = text.split(separator: ",", omittingEmptySubsequences: false).map { String($0) }
            case "count":
                guard text == "exact" || text == "none" else {
                    errors.append(.init(field: "count", message: "must be exact or none"))
                    continue
                }
                query.countTotal = text == "exact"
            default:
                filterValues[name] = text
            }
        }
        if seen.contains(includeDeleted), seen.contains("deleted"), table.softDelete {
            errors.append(.init(field: includeDeleted, message: "cannot be combined with deleted; send one of them"))
        }
        if let cursorText {
            if seen.contains("offset") {
                errors.append(.init(field: "cursor", message: "cannot be combined with offset"))
            } else if let values = cursors.decode(cursorText, sortText: query.sortText) {
                query.cursor = values
            } else {
                errors.append(.init(field: "cursor", message: "is not a cursor returned by this list with the same sort"))
            }
        }
        for parameter in table.listParameters {
            guard let text = filterValues.removeValue(forKey: parameter.name) else { continue }
            switch ParameterDecoder.value(text: text, rule: parameter.rule, field: parameter.name) {
            case .success(let value): query.comparisons.append((parameter.column, parameter.comparison, value.sqlValue))
            case .failure(let error): errors.append(error)
            }
        }
        let filterNames = Set(table.filters.filter(\.filterable).map(\.name))
        for name in filterValues.keys.sorted() where !filterNames.contains(name) {
            let reserved = reservedParameters.filter { (!["deleted", "include_deleted"].contains($0) || table.softDelete) && ($0 != "q" || table.search != nil) }
                .map { $0 == "include_deleted" ? includeDeleted : $0 }
            let allowed = (reserved + table.listParameters.map(\.name) + table.filters.filter(\.filterable).map(\.name)).joined(separator: ", ")
            errors.append(.init(field: name, message: "is not a query parameter of this list; allowed: \(allowed)"))
        }
        for filter in table.filters where filter.filterable {
            guard let text = filterValues[filter.name] else { continue }
            switch ParameterDecoder.value(text: text, rule: filter.rule, field: filter.name) {
            case .success(let value): query.filters.append((filter.column, value.sqlValue))
            case .failure(let error): errors.append(error)
            }
        }
        guard errors.isEmpty else {
            throw APIError.invalidParameters(errors)
        }
        return query
    }
}

/// `deleted=` on lists of `softDelete` tables.
public enum DeletedRows: String, Sendable {
    /// Live rows only (the default).
    case exclude
    /// Live and deleted rows.
    case include
    /// Deleted rows only.
    case only
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

extension PageLimits {
    /// The same page sizes as the contract families (audit, usage) take them.
    public var contractPageSize: ContractPageSize { ContractPageSize(defaultLimit: defaultSize, maximumLimit: maximumSize) }
}
