import Foundation
import HummingbirdCore

/// A request's query string decoded the way browsers, `curl --data-urlencode`, Python's
/// `urlencode` and Go's `url.Values` encode it (`application/x-www-form-urlencoded`): `+` is a
/// space, `%XX` is a byte, and names are decoded like values.
///
/// Hummingbird's `URI.queryParameters` leaves `+` as is and returns the raw text when a value's
/// percent-encoding is broken; with a filter language in the query string that turns
/// `filter=status+%3D+%27open%27` into a syntax error and hides bad encodings. Here a `+` is a
/// space (send `%2B` for a plus sign, as every form encoder does) and a broken escape, invalid
/// UTF-8 or a NUL character (which PostgreSQL cannot store or compare) is a 400 naming the
/// parameter.
public struct QueryString: Sendable {
    /// The parameters in the order they were sent (a name may appear more than once).
    public let parameters: [(name: String, value: String)]

    /// Decodes `uri`'s query string.
    /// - Throws: `APIError` 400 naming each parameter whose name or value is not valid
    ///   percent-encoded UTF-8 or contains `%00`.
    public init(_ uri: URI) throws(APIError) {
        guard let query = uri.query, !query.isEmpty else {
            parameters = []
            return
        }
        var parameters: [(name: String, value: String)] = []
        var errors: [APIError.FieldError] = []
        for segment in query.split(separator: "&", omittingEmptySubsequences: true) {
            let equals = segment.firstIndex(of: "=")
            let rawName = equals.map { segment[..<$0] } ?? segment
            let rawValue = equals.map { segment[segment.index(after: $0)...] } ?? ""
            guard let name = Self.decode(rawName) else {
                errors.append(.init(field: String(rawName), message: "is not valid percent-encoded UTF-8"))
                continue
            }
            guard let value = Self.decode(rawValue) else {
                errors.append(.init(field: name, message: "is not valid percent-encoded UTF-8"))
                continue
            }
            guard !name.containsNUL, !value.containsNUL else {
                errors.append(.init(field: name, message: "must not contain the NUL character (%00)"))
                continue
            }
            parameters.append((name, value))
        }
        guard errors.isEmpty else {
            throw APIError.invalidParameters(errors)
        }
        self.parameters = parameters
    }

    /// The first value sent for `name`.
    public subscript(name: String) -> String? {
        parameters.first { $0.name == name }?.value
    }

    /// One component: `+` → space, then `%XX` escapes; `nil` when an escape is broken or the
    /// bytes are not UTF-8. Plain text (the common case) is returned without copying through
    /// Foundation.
    static func decode(_ text: Substring) -> String? {
        guard text.contains(where: { $0 == "+" || $0 == "%" }) else { return String(text) }
        return text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }
}
