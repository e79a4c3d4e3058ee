import NIOCore
import NIOHTTP1

/// Answers the requests `InlineReads` can answer (a `GET` or `HEAD /<table>/{id}` that finds
/// its record for its caller) inside `channelRead`, on the event loop that read them, and passes every other
/// request on to Hummingbird unchanged.
///
/// Why: through Hummingbird a request is converted to swift-http-types, resumes a task on
/// another thread, gets a `Request` and a context with its own logger, goes through the router
/// and the middleware, and its response is written back through an async writer that hops to
/// the event loop again and is converted and encoded header by header. For a key lookup that
/// costs SQLite a few microseconds, that machinery was most of the time of a `GET` by id and
/// of a one-connection round trip (Benchmarks/README.md, third pass).
///
/// Place: right after NIO's HTTP/1 request decoder (it reads `HTTPServerRequestPart`s), with
/// an `InlineResponseWriter` at the front of the pipeline, through which the answer, already
/// encoded in full, goes to the socket in one write.
///
/// Order of responses: HTTP/1.1 answers requests in the order they came. While a request
/// passed on to Hummingbird has not been answered (its response `end` has not gone out through
/// this handler), every later request is passed on too, so an inline answer never overtakes
/// one of Hummingbird's. The parts of a request answered inline that follow its head (a
/// `GET` without a body has only its `end`) are dropped, as Hummingbird drains them.
final class InlineReadHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias InboundOut = HTTPServerRequestPart
    typealias OutboundIn = HTTPServerResponsePart
    typealias OutboundOut = HTTPServerResponsePart

    private let reads: InlineReads
    private let writer: InlineResponseWriter
    private var dates = HTTPDateCache()
    /// Requests passed on whose response has not ended.
    private var pendingResponses = 0
    /// Whether the parts after an inline-answered head are being dropped.
    private var droppingRequestParts = false
    /// The peer and its IP address as text, read once per connection (the first head): both
    /// are the same for every request on it, and the text costs a conversion each time.
    private var peer: (address: SocketAddress?, text: String?)?

    init(reads: InlineReads, writer: InlineResponseWriter) {
        self.reads = reads
        self.writer = writer
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let request):
            let started = reads.observer == nil ? nil : NIODeadline.now()
            let peer = self.peer ?? remember(context.channel.remoteAddress)
            if pendingResponses == 0,
                let answer = reads.answer(request, date: dates.current(), allocator: context.channel.allocator, clientAddress: peer.text)
            {
                droppingRequestParts = true
                writer.send(answer.response)
                if let started {
                    // Called through the optional in place: binding it would copy the existential.
                    reads.observer?.answered(InlineReadAnswer(
                        method: request.method.rawValue, route: answer.route, requestID: answer.requestID,
                        duration: NIODeadline.now() - started, peer: peer.address, identity: answer.identity))
                }
                return
            }
            droppingRequestParts = false
            pendingResponses += 1
            context.fireChannelRead(data)
        case .body:
            if !droppingRequestParts { context.fireChannelRead(data) }
        case .end:
            if droppingRequestParts {
                droppingRequestParts = false
            } else {
                context.fireChannelRead(data)
            }
        }
    }

    private func remember(_ address: SocketAddress?) -> (address: SocketAddress?, text: String?) {
        let peer = (address: address, text: address?.ipAddress)
        self.peer = peer
        return peer
    }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data), pendingResponses > 0 { pendingResponses -= 1 }
        context.write(data, promise: promise)
    }
}

/// The front of the pipeline, where `InlineReadHandler` writes its encoded answers straight
/// to the socket (past NIO's HTTP encoder, which only takes response parts). It passes every
/// other write on untouched. Used on its channel's event loop only, like every handler.
final class InlineResponseWriter: ChannelOutboundHandler, RemovableChannelHandler {
    typealias OutboundIn = IOData

    private var context: ChannelHandlerContext?

    func handlerAdded(context: ChannelHandlerContext) {
        self.context = context
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        self.context = nil
    }

    /// Writes and flushes `response`.
    func send(_ response: ByteBuffer) {
        context?.writeAndFlush(NIOAny(IOData.byteBuffer(response)), promise: nil)
    }
}
