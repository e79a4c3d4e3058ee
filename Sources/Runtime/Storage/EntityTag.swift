import Hummingbird

/// Strong entity tags for single-record responses, and the `If-Match` / `If-None-Match` tests.
///
/// The tag is a 64-bit FNV-1a hash of the exact JSON bytes sent, computed over the buffer the
/// response is written from: no second query and no second serialisation.
public enum EntityTag {
    /// `"<16 hex digits>"` for a response body.
    public static func make(_ bytes: [UInt8]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return "\"" + String(repeating: "0", count: 16 - hex.count) + hex + "\""
    }

    /// Whether a header value (`*` or a comma-separated list of tags) matches `tag`.
    /// `weak` allows `W/` tags to match (the weak comparison `If-None-Match` uses); `If-Match`
    /// uses the strong comparison, where a weak tag never matches.
    ///
    /// Some generated clients (swift-openapi-runtime) percent-encode header values, sending
    /// `%22<hex>%22` for `"<hex>"` and `%2A` for `*`. Loom's tags never contain `%`, so the
    /// encoded form is unambiguous and is read as the tag it encodes.
    public static func header(_ value: String, matches tag: String, weak: Bool) -> Bool {
        for candidate in value.split(separator: ",") {
            var text = candidate.trimmingCharacters(in: .whitespaces)
            if text == "*" || text == "%2A" || text == "%2a" { return true }
            if text.hasPrefix("W/") {
                guard weak else { continue }
                text.removeFirst(2)
            }
            if text == tag || decodingQuotes(text) == tag { return true }
        }
        return false
    }

    /// `%22...%22` as `"..."`; anything else unchanged.
    private static func decodingQuotes(_ text: String) -> String {
        guard text.count > 6, text.hasPrefix("%22"), text.hasSuffix("%22") else { return text }
        return "\"" + text.dropFirst(3).dropLast(3) + "\""
    }

    /// A JSON response carrying the body's `ETag`.
    public static func response(status: HTTPResponse.Status, value: some JSONWritable, headers: HTTPFields = [:]) -> Response {
        var writer = JSONWriter()
        value.writeJSON(to: &writer)
        var headers = headers
        headers[.eTag] = make(writer.bytes)
        return JSONResponse.make(status: status, bytes: writer.bytes, headers: headers)
    }
}

extension APIError {
    /// 412: `If-Match` names a version of the record that is no longer current.
    public static func preconditionFailed(table: String, id: String) -> APIError {
        APIError(
            status: .preconditionFailed, code: "PRECONDITION_FAILED",
            detail: "The \(table) record \(id) has changed since the version named in If-Match; fetch it again and retry.")
    }
}
