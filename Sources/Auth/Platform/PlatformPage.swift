import Hummingbird
import Runtime

/// `limit` / `offset` and the text filters of the platform list routes, read from the query
/// string with a 422 naming the parameter for anything out of range.
struct PlatformPage: Sendable {
    /// Page size when none is asked for.
    static let defaultLimit = 20
    /// Largest page.
    static let maximumLimit = 100
    /// Longest accepted search text.
    static let maximumFilterLength = 254

    /// Rows per page.
    let limit: Int
    /// Rows skipped.
    let offset: Int
    /// The decoded query string (for the filters).
    let query: QueryString

    /// Reads the page of `request`.
    init(_ request: Request) throws(APIError) {
        query = try QueryString(request.uri)
        var errors: [APIError.FieldError] = []
        limit = Self.integer(query["limit"], name: "limit", range: 1...Self.maximumLimit, errors: &errors) ?? Self.defaultLimit
        offset = Self.integer(query["offset"], name: "offset", range: 0...1_000_000_000, errors: &errors) ?? 0
        guard errors.isEmpty else { throw APIError.validation(errors) }
    }

    /// The filter `name`, trimmed; `nil` when absent or empty; 422 when too long.
    func filter(_ name: String) throws(APIError) -> String? {
        guard let value = query[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        guard value.count <= Self.maximumFilterLength else {
            throw APIError.validation([.init(field: name, message: "must be at most \(Self.maximumFilterLength) characters long")])
        }
        return value
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

    private static func integer(_ text: String?, name: String, range: ClosedRange<Int>, errors: inout [APIError.FieldError]) -> Int? {
        guard let text else { return nil }
        guard let value = Int(text), range.contains(value) else {
            errors.append(.init(field: name, message: "must be an integer from \(range.lowerBound) to \(range.upperBound)"))
            return nil
        }
        return value
    }
}

/// One page of a platform list: `{"items": [...], "total": n, "limit": l, "offset": o}`.
struct PlatformPageResponse<Item: JSONWritable>: JSONWritable {
    let items: [Item]
    let total: Int
    let page: PlatformPage

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("items", items)
        writer.member("total", total)
        writer.member("limit", page.limit)
        writer.member("offset", page.offset)
        writer.endObject()
    }
}
