import Hummingbird
import NIOCore

/// Reads and parses JSON request bodies within the app's size limit.
public enum RequestBody {
    /// Collects the body (413 past `limit`), checks it is JSON (415) and parses it (400).
    ///
    /// A `Content-Length` over `limit` is refused before a byte of the body is read, and the
    /// answer closes the connection, so the unread body is never read nor parsed as a request.
    /// `emptyAs`: what an empty body (a chunked one with no bytes, say) stands for instead of a 400.
    public static func json(_ request: Request, limit: Int, emptyAs: JSONInput? = nil) async throws -> JSONInput {
        if let contentType = request.headers[.contentType], !isJSON(contentType) {
            throw APIError.unsupportedMediaType(contentType)
        }
        var request = request
        let buffer = try await collect(&request, limit: limit)
        guard buffer.readableBytes > 0 else {
            if let emptyAs { return emptyAs }
            throw APIError.badRequest("The request body is empty; send a JSON object.")
        }
        let bytes = buffer.getBytes(at: buffer.readerIndex, length: buffer.readableBytes) ?? []
        do {
            return try JSONInputParser.parse(bytes)
        } catch {
            throw APIError.badRequest("The request body is not valid JSON: \(error.message) at byte \(error.offset).")
        }
    }

    /// Collects the body (413 past `limit`, decided from `Content-Length` before reading when it
    /// is sent), leaving it in `request` for whoever reads it next.
    public static func collect(_ request: inout Request, limit: Int) async throws -> ByteBuffer {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limit {
            var error = APIError.payloadTooLarge(limit: limit)
            error.headers[.connection] = "close"
            throw error
        }
        do {
            return try await request.collectBody(upTo: limit)
        } catch let error as HTTPError where error.status == .contentTooLarge {
            throw APIError.payloadTooLarge(limit: limit)
        } catch is NIOTooManyBytesError {
            throw APIError.payloadTooLarge(limit: limit)
        }
    }

    /// Whether the media type of `contentType` (before any `;`, spaces and tabs around it
    /// ignored, any case) is `application/json` or `application/<anything>+json`. Compared as
    /// bytes: this runs for every write, and Foundation's trimming bridges through `NSString`.
    static func isJSON(_ contentType: String) -> Bool {
        let whole = Array(contentType.utf8)
        var end = whole.firstIndex(of: UInt8(ascii: ";")) ?? whole.count
        var start = 0
        func isBlank(_ byte: UInt8) -> Bool { byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        while start < end, isBlank(whole[start]) { start += 1 }
        while end > start, isBlank(whole[end - 1]) { end -= 1 }
        let mediaType = whole[start..<end].map { $0 >= UInt8(ascii: "A") && $0 <= UInt8(ascii: "Z") ? $0 + 32 : $0 }
        let type = Array("application/".utf8), suffix = Array("+json".utf8)
        guard mediaType.starts(with: type) else { return false }
        return mediaType.count == type.count + 4 && mediaType.suffix(4).elementsEqual("json".utf8)
            || mediaType.count > type.count + suffix.count && mediaType.suffix(suffix.count).elementsEqual(suffix)
    }
}
