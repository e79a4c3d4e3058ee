import Hummingbird
import NIOCore

/// Reads and parses JSON request bodies within the app's size limit.
public enum RequestBody {
    /// Collects the body (413 past `limit`), checks it is JSON (415) and parses it (400).
    ///
    /// A `Content-Length` over `limit` is refused before a byte of the body is read, and the
    /// answer closes the connection, so the unread body is never read nor parsed as a request.
    public static func json(_ request: Request, limit: Int) async throws -> JSONInput {
        if let contentType = request.headers[.contentType], !isJSON(contentType) {
            throw APIError.unsupportedMediaType(contentType)
        }
        var request = request
        let buffer = try await collect(&request, limit: limit)
        guard buffer.readableBytes > 0 else {
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

    private static func isJSON(_ contentType: String) -> Bool {
        let mediaType = contentType.split(separator: ";", maxSplits: 1).first?
            .trimmingCharacters(in: .whitespaces).lowercased() ?? ""
        return mediaType == "application/json" || (mediaType.hasPrefix("application/") && mediaType.hasSuffix("+json"))
    }
}
