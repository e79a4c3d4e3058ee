import HTTPTypes
import NIOCore
import NIOHTTP1

/// The answers to a request head NIO's decoder gave up on (over `RequestLimits.decoderLimits`):
/// 414 or 431 in the app's error format, with the common fields every answer has and
/// `Connection: close` (the rest of the head is never read). Built from the app's settings at
/// start-up; `HeadOverflowHandler` sends them.
struct HeadRefusals: Sendable {
    let limits: RequestLimits
    let errorFormat: ErrorBodyFormat
    let vocabulary: ErrorVocabulary
    let commonHeaders: CommonResponseHeaders

    /// The refusals of `app`'s server, which names itself `serverName`.
    init(app: AppSettings, serverName: String?) {
        limits = app.requestLimits
        errorFormat = app.errorFormat
        vocabulary = app.errors
        commonHeaders = CommonResponseHeaders(serverName: serverName, requestIDHeader: app.headers.requestID, security: app.security)
    }

    /// The refusal of a request the decoder gave up on with `error`: a head over the limits is
    /// 414 or 431 (`refusal(_:)`), anything else that is not HTTP/1.1 is 400.
    func refusal(_ error: HTTPParserError, requestLine: RequestLine) -> APIError {
        guard case .headerOverflow = error else {
            return .badRequest("The request is not valid HTTP/1.1 (\(error)); the connection is closed.")
        }
        return refusal(requestLine)
    }

    /// The refusal of a head given up on with `requestLine` known of it: 414 when the target
    /// alone may exceed `maxURLBytes` (the line less the shortest method and the version, or a
    /// line that never ended), 431 otherwise, and for a head whose line was not measured.
    func refusal(_ requestLine: RequestLine) -> APIError {
        let targetTooLong: Bool
        switch requestLine {
        case .unmeasured: targetTooLong = false
        case .measuring: targetTooLong = true
        case .measured(let length): targetTooLong = length - "GET  HTTP/1.1\r".utf8.count > limits.maxURLBytes
        }
        return targetTooLong ? .uriTooLong(limit: limits.maxURLBytes) : .headerFieldsTooLarge(limit: limits.maxHeaderBytes)
    }

    /// `error` as the response parts NIO's encoder writes.
    func parts(for error: APIError, allocator: ByteBufferAllocator) -> (head: HTTPResponseHead, body: ByteBuffer) {
        let error = vocabulary.apply(error)
        let requestID = RequestIdentifier.accepting(nil)
        let body = errorFormat.body(for: error, requestID: requestID)
        var fields = HTTPFields()
        commonHeaders.write(
            entityTag: nil, contentType: errorFormat.contentType, contentLength: String(body.count), requestID: requestID,
            date: SharedHTTPDate.current(), to: &fields)
        fields[.connection] = "close"
        let headers = HTTPHeaders(fields.map { ($0.name.rawName, $0.value) })
        let head = HTTPResponseHead(version: .http1_1, status: HTTPResponseStatus(statusCode: Int(error.status.code)), headers: headers)
        return (head, allocator.buffer(bytes: body))
    }
}
