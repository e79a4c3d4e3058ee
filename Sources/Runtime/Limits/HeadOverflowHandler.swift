import NIOCore
import NIOHTTP1

/// Answers a request NIO's decoder gave up on, in the app's error format (`HeadRefusals`), then
/// closes the connection: the decoder cannot go on, and nothing more of the request is read. A
/// head over `RequestLimits.decoderLimits` (`HTTPParserError.headerOverflow`) is 414 or 431;
/// any other malformed HTTP/1.1 (a garbage request line, control bytes in a header value, a bad
/// chunk size) is 400. Without it the connection closed without a word, or with a bare 400
/// carrying neither the app's body nor `X-Request-Id`.
///
/// Place: right before Hummingbird's codec (after `InlineReadHandler`), so it sees the heads
/// passed to Hummingbird and their responses: a refusal waits for the responses still owed to
/// earlier requests, as HTTP/1.1 answers in order. Heads the decoder completes are checked by
/// `LoomMiddleware` (`RequestLimits.violation(of:)`), which keeps the connection.
final class HeadOverflowHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let refusals: HeadRefusals
    private let deadline: RequestDeadline
    /// Requests passed on whose response has not ended.
    private var pendingResponses = 0
    /// A refusal waiting for the responses owed before it.
    private var waitingRefusal: APIError?
    /// Whether the decoder gave up: it then reports every later read as an error
    /// (`dataReceivedInErrorState`), which must not reach Hummingbird while it still answers
    /// the requests before it (it would abandon them); the connection closes after the refusal.
    private var refused = false

    init(refusals: HeadRefusals, deadline: RequestDeadline) {
        self.refusals = refusals
        self.deadline = deadline
    }

    /// Whether a request's head has passed and its end not yet: an error then is about its body
    /// (a bad chunk), which Hummingbird reports as that request's 400 naming `body`.
    private var readingBody = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head:
            pendingResponses += 1
            readingBody = true
        case .end: readingBody = false
        case .body: break
        }
        context.fireChannelRead(data)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if refused { return }
        guard let parserError = error as? HTTPParserError, !(readingBody && !Self.isHeadOverflow(parserError)) else {
            context.fireErrorCaught(error)
            return
        }
        refused = true
        deadline.headRefused()
        let refusal = refusals.refusal(parserError, requestLine: deadline.requestLine)
        if pendingResponses == 0 {
            send(refusal, context: context)
        } else {
            waitingRefusal = refusal
        }
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let ends = if case .end = unwrapOutboundIn(data) { true } else { false }
        context.write(data, promise: promise)
        guard ends else { return }
        pendingResponses = max(0, pendingResponses - 1)
        if pendingResponses == 0, let refusal = waitingRefusal { send(refusal, context: context) }
    }

    private static func isHeadOverflow(_ error: HTTPParserError) -> Bool {
        if case .headerOverflow = error { true } else { false }
    }

    private func send(_ error: APIError, context: ChannelHandlerContext) {
        waitingRefusal = nil
        let (head, body) = refusals.parts(for: error, allocator: context.channel.allocator)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
    }
}
