/// One key of a `sort=` parameter.
public struct SortKey: Sendable, Hashable {
    /// Where `null` values go.
    public enum Nulls: String, Sendable, Hashable {
        case first, last
    }
    /// Field name.
    public let field: String
    /// Descending when the key was written `-field`.
    public let descending: Bool
    /// Explicit null placement; `nil` means the default (nulls sort as the largest value:
    /// last when ascending, first when descending, the same on every database).
    public let nulls: Nulls?

    /// Creates a key.
    public init(field: String, descending: Bool, nulls: Nulls? = nil) {
        self.field = field
        self.descending = descending
        self.nulls = nulls
    }

    /// Where nulls end up once the default is applied.
    public var effectiveNulls: Nulls { nulls ?? (descending ? .first : .last) }
}

/// Parses `sort=-priority,due_on:nullsfirst,title`: comma-separated field names, `-` for
/// descending (`+` or nothing for ascending) or the suffix `:desc` (`:asc`), optional
/// `:nullsfirst` / `:nullslast` (`priority:desc:nullslast`).
public enum SortParser {
    /// Most keys in one `sort`.
    public static let maxKeys = 8

    /// Parses the parameter text.
    public static func parse(_ text: String) throws(FilterSyntaxError) -> [SortKey] {
        guard text.unicodeScalars.count <= 512 else {
            throw FilterSyntaxError(.tooLong, "the sort is longer than 512 characters", offset: 512)
        }
        var keys: [SortKey] = []
        var offset = 0
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            defer { offset += part.unicodeScalars.count + 1 }
            guard keys.count < maxKeys else {
                throw FilterSyntaxError(.tooManyTerms, "at most \(maxKeys) sort keys are allowed", offset: offset)
            }
            keys.append(try key(String(part), offset: offset))
        }
        return keys
    }

    private static func key(_ part: String, offset: Int) throws(FilterSyntaxError) -> SortKey {
        var rest = Substring(part)
        var descending = false
        var direction: Bool?
        if rest.first == "-" || rest.first == "+" {
            descending = rest.first == "-"
            direction = descending
            rest = rest.dropFirst()
        }
        var nulls: SortKey.Nulls?
        if let colon = rest.firstIndex(of: ":") {
            // Exactly as documented (the OpenAPI pattern lists these words in lower case): a
            // direction (`asc`, `desc`: `priority:desc` is `-priority`) and a place for nulls,
            // each at most once, in either order.
            for modifier in rest[rest.index(after: colon)...].split(separator: ":", omittingEmptySubsequences: false) {
                switch modifier {
                case "nullsfirst" where nulls == nil: nulls = .first
                case "nullslast" where nulls == nil: nulls = .last
                case "asc" where direction == nil, "desc" where direction == nil:
                    descending = modifier == "desc"
                    direction = descending
                default:
                    throw FilterSyntaxError(
                        .unexpectedToken,
                        "sort key '\(FilterLexer.excerpt(part))' at position \(offset + 1): after ':' write asc, desc, nullsfirst "
                            + "or nullslast, each at most once and not beside a '-' or '+' prefix", offset: offset)
                }
            }
            rest = rest[..<colon]
        }
        guard FieldName.isValid(rest) else {
            throw FilterSyntaxError(.invalidPath, "sort key '\(FilterLexer.excerpt(part))' at position \(offset + 1) is not a field name", offset: offset)
        }
        return SortKey(field: String(rest), descending: descending, nulls: nulls)
    }
}
