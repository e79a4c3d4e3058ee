import HTTPTypes
import NIOCore
import NIOHTTPTypes

/// Answers the requests `InlineReads` can answer (a public `GET /<table>/{id}` that finds its
/// record) inside `channelRead`, on the event loop that read them, and passes every other
/// request on to Hummingbird unchanged.
///
/// Why: through Hummingbird a request costs a task resumption on another thread, a `Request`
/// and a context with its own logger, the router, the middleware, and a response written back
/// through an async writer that hops to the event loop again. For a key lookup that costs
/// SQLite a few microseconds, that machinery was most of the time of a `GET` by id and of a
/// one-connection round trip (Benchmarks/README.md, third pass).
///
/// Order of responses: HTTP/1.1 answers requests in the order they came. While a request
/// passed on to Hummingbird has not been answered (its response `end` has not gone out through
/// this handler), every later request is passed on too, so an inline answer never overtakes
/// one of Hummingbird's. The parts of a request answered inline that follow its head (a
/// `GET` without a body has only its `end`) are dropped, as Hummingbird drains them.
///
/// Placed after `HTTPConnectionStateHandler`, so that handler sees inline requests and
/// responses like any other (idle time-out and graceful shutdown stay right).
final class InlineReadHandler: ChannelDuplexHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPRequestPart
    typealias InboundOut = HTTPRequestPart
    typealias OutboundIn = HTTPResponsePart
    typealias OutboundOut = HTTPResponsePart

    private let reads: InlineReads
    private var dates = HTTPDateCache()
    /// Requests passed on whose response has not ended.
    private var pendingResponses = 0
    /// Whether the parts after an inline-answered head are being dropped.
    private var droppingRequestParts = false

    init(reads: InlineReads) {
        self.reads = reads
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let part = unwrapInboundIn(data)
        switch part {
        case .head(let request):
            if pendingResponses == 0, let (head, body) = reads.answer(request, date: dates.current()) {
                droppingRequestParts = true
                context.write(wrapOutboundOut(.head(head)), promise: nil)
                context.write(wrapOutboundOut(.body(body)), promise: nil)
                context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
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

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        if case .end = unwrapOutboundIn(data), pendingResponses > 0 { pendingResponses -= 1 }
        context.write(data, promise: promise)
    }
}
