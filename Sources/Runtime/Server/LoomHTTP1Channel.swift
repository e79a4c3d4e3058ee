import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1

/// Hummingbird's HTTP/1.1 child channel with two additions. Every connection is counted against
/// `ConnectionLimits.maxConnections` and has a `RequestDeadline` (a watcher before the request
/// decoder, one after it) that closes it when a head or a body takes too long. And when the app has routes answered
/// inline (`InlineReads`), an `InlineReadHandler` sits right after NIO's request decoder and an
/// `InlineResponseWriter` at the front of the pipeline. The decoder reads no more of a head than
/// the app's URL and header limits allow, and `HeadOverflowHandler` answers a head it gave up on
/// (`RequestLimits`). The pipeline is otherwise the one `HTTP1Channel.setup` builds (same
/// codec, same state handler), and
/// requests are served by Hummingbird's own `handleHTTP`. Hummingbird's connection-state
/// handler does not see inline requests; each is answered within the read that completed it,
/// so that handler's idle and shutdown decisions never cut one short.
struct LoomHTTP1Channel: ServerChildChannel, HTTPChannelHandler {
    typealias Value = NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>

    let responder: HTTPChannelHandler.Responder
    let configuration: HTTP1Channel.Configuration
    let inlineReads: InlineReads
    /// Bounds on how long a request head and body may take to arrive (`ConnectionLimits`).
    let connectionLimits: ConnectionLimits
    /// The server's open connections, shared by every child channel.
    let connections: ConnectionCount
    /// The app's answers to a head over its URL and header limits (`HeadOverflowHandler`).
    let headRefusals: HeadRefusals

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        guard connections.admit() else {
            // Hummingbird leaves a channel whose set-up failed open; closing it is ours to do.
            channel.close(promise: nil)
            return channel.eventLoop.makeFailedFuture(ConnectionLimitReached())
        }
        let connections = self.connections
        channel.closeFuture.whenComplete { _ in connections.release() }
        return channel.eventLoop.makeCompletedFuture {
            let deadline = RequestDeadline(connectionLimits)
            try channel.pipeline.syncOperations.addHandler(RequestDeadline.ByteWatcher(deadline))
            // The decoder reads no more of a head than the app's URL and header limits allow.
            let limits = headRefusals.limits.decoderLimits
            let pipeline = channel.pipeline.syncOperations
            try pipeline.configureHTTPServerPipeline(
                withPipeliningAssistance: false, withErrorHandling: false, withOutboundHeaderValidation: false,
                withEncoderConfiguration: .init(), withDecoderLimitConfiguration: limits)
            try pipeline.addHandler(RequestDeadline.PartWatcher(deadline))
            if !inlineReads.isEmpty {
                let writer = InlineResponseWriter()
                try pipeline.addHandler(writer, position: .first)
                try pipeline.addHandler(InlineReadHandler(reads: inlineReads, writer: writer))
            }
            try pipeline.addHandler(HeadOverflowHandler(refusals: headRefusals, deadline: deadline))
            try pipeline.addHandler(HTTP1ToHTTPServerCodec(secure: false))
            try pipeline.addHandlers(configuration.additionalChannelHandlers())
            try pipeline.addHandler(
                HTTPConnectionStateHandler(idleTimeout: configuration.idleTimeout.map { .init($0) }, logger: logger))
            return try NIOAsyncChannel(wrappingChannelSynchronously: channel, configuration: .init(isOutboundHalfClosureEnabled: true))
        }
    }

    func handle(value: Value, logger: Logger) async {
        await handleHTTP(asyncChannel: value, logger: logger)
    }
}

extension HTTPServerBuilder {
    /// HTTP/1.1 with Loom's inline reads, connection limits and head limits (`LoomHTTP1Channel`).
    static func loomHTTP1(inlineReads: InlineReads, connectionLimits: ConnectionLimits = .init(), headRefusals: HeadRefusals) -> HTTPServerBuilder {
        let connections = ConnectionCount(maximum: connectionLimits.maxConnections)
        let configuration = HTTP1Channel.Configuration(idleTimeout: TimeAmount(connectionLimits.idleTimeout))
        return .init { responder in
            LoomHTTP1Channel(
                responder: responder, configuration: configuration, inlineReads: inlineReads, connectionLimits: connectionLimits,
                connections: connections, headRefusals: headRefusals)
        }
    }
}
