import RequestJSON

/// `aggregate=` on a list: figures over every record the list's conditions match (the filters,
/// the search, the soft-delete mode and the caller's tenant and owner), not only the page,
/// answered in `aggregations` beside the records:
///
///     aggregate={"count": true, "sum": ["priority"], "avg": ["priority"], "min": ["due"], "max": ["due"]}
///     "aggregations": {"count": 3, "sum": {"priority": 6}, "avg": {"priority": 2}, "min": {...}, "max": {...}}
///
/// `sum` and `avg` take integer and number fields; `min` and `max` also date and datetime
/// fields. Over no records `count` is 0 and the others are null. Fields are the list's
/// filterable fields, by their JSON names.
public struct AggregateRequest: Sendable {
    /// The functions, in the order the answer writes them.
    public enum Function: String, Sendable, CaseIterable {
        case sum, avg, min, max

        /// Whether a field of `kind` can be given to this function.
        func accepts(_ kind: FieldRule.Kind) -> Bool {
            switch kind {
            case .integer, .number: return true
            case .date, .datetime: return self == .min || self == .max
            default: return false
            }
        }
    }

    /// The list answer's member holding the figures.
    public static let answerMember = "aggregations"

    /// The most fields one request may name, over all functions (each is one more column to compute).
    public static let maxFields = 20

    /// Whether to count the matching records.
    public var count = false
    /// The fields of each function, in request order (as `FilterColumn`s).
    public var fields: [(function: Function, column: FilterColumn)] = []

    /// Reads `text` (a JSON object) against the list's `columns`; every problem is a field
    /// error on `aggregate` (the caller reports them with the list's other parameter errors).
    static func parse(_ text: String, columns: [FilterColumn]) -> Result<AggregateRequest, APIError.FieldError> {
        func failure(_ message: String) -> Result<AggregateRequest, APIError.FieldError> {
            .failure(.init(field: "aggregate", message: message))
        }
        guard text.utf8.count <= 4_096 else { return failure("is longer than 4096 bytes") }
        guard let tree = try? JSONInputParser.parse(Array(text.utf8)), case .object(let members) = tree else {
            return failure(#"must be a JSON object such as {"count": true, "sum": ["field"]}"#)
        }
        let functions = Function.allCases.map(\.rawValue)
        if let unknown = members.keys.sorted().first(where: { $0 != "count" && !functions.contains($0) }) {
            return failure("has an unknown member \"\(unknown)\"; use count, \(functions.joined(separator: ", "))")
        }
        var request = AggregateRequest()
        if let count = members["count"] {
            guard case .bool(let value) = count else { return failure("count must be true or false") }
            request.count = value
        }
        let byName = Dictionary(columns.filter(\.filterable).map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        for function in Function.allCases {
            guard let value = members[function.rawValue] else { continue }
            guard case .array(let elements) = value, !elements.isEmpty else {
                return failure("\(function.rawValue) must be a non-empty array of field names")
            }
            var seen: Set<String> = []
            for element in elements {
                guard case .string(let name) = element else { return failure("\(function.rawValue) must list field names (strings)") }
                guard seen.insert(name).inserted else { return failure("\(function.rawValue) names \"\(name)\" twice") }
                guard let column = byName[name] else {
                    return failure("\(function.rawValue) names \"\(name)\", which is not a filterable field of this list")
                }
                guard function.accepts(column.rule.kind) else {
                    return failure(
                        function == .sum || function == .avg
                            ? "\(function.rawValue) takes integer and number fields; \"\(name)\" is not one"
                            : "\(function.rawValue) takes integer, number, date and datetime fields; \"\(name)\" is not one")
                }
                request.fields.append((function, column))
            }
        }
        guard request.count || !request.fields.isEmpty else { return failure(#"asks for nothing; set "count": true or name fields"#) }
        guard request.fields.count <= Self.maxFields else { return failure("names \(request.fields.count) fields; at most \(Self.maxFields) are allowed") }
        return .success(request)
    }
}
