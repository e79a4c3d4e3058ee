import NIOCore
import NIOHTTP1

/// Answers a request head NIO's decoder gave up on (`HTTPParserError.headerOverflow`: the
/// target and header fields passed `RequestLimits.decoderLimits`) with 414 or 431 in the app's
/// format (`HeadRefusals`), then closes the connection: the decoder cannot go on, and nothing
/// more of the head is read. Without it the connection closed without a word.
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
    /// Whether a head overflowed: the decoder then reports every later read as an error
    /// (`dataReceivedInErrorState`), which must not reach Hummingbird while it still answers
    /// the requests before it (it would abandon them); the connection closes after the refusal.
    private var overflowed = false

    init(refusals: HeadRefusals, deadline: RequestDeadline) {
        self.refusals = refusals
        self.deadline = deadline
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if case .head = unwrapInboundIn(data) { pendingResponses += 1 }
        context.fireChannelRead(data)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if overflowed { return }
        guard let parserError = error as? HTTPParserError, case .headerOverflow = parserError else {
            context.fireErrorCaught(error)
            return
        }
        overflowed = true
        let refusal = refusals.refusal(deadline.requestLine)
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

    private func send(_ error: APIError, context: ChannelHandlerContext) {
        waitingRefusal = nil
        let (head, body) = refusals.parts(for: error, allocator: context.channel.allocator)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        let channel = context.channel
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in channel.close(promise: nil) }
    }
}
