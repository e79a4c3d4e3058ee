import HummingbirdCore
import Logging
import NIOCore
import NIOHTTP1
import NIOHTTPTypes
import NIOHTTPTypesHTTP1

/// Hummingbird's HTTP/1.1 child channel with one addition: when the app has routes answered
/// inline (`InlineReads`), an `InlineReadHandler` sits right after NIO's request decoder and an
/// `InlineResponseWriter` at the front of the pipeline. The pipeline is otherwise the one
/// `HTTP1Channel.setup` builds (same decoder limits, same codec, same state handler), and
/// requests are served by Hummingbird's own `handleHTTP`. Hummingbird's connection-state
/// handler does not see inline requests; each is answered within the read that completed it,
/// so that handler's idle and shutdown decisions never cut one short.
struct LoomHTTP1Channel: ServerChildChannel, HTTPChannelHandler {
    typealias Value = NIOAsyncChannel<HTTPRequestPart, HTTPResponsePart>

    let responder: HTTPChannelHandler.Responder
    let configuration: HTTP1Channel.Configuration
    let inlineReads: InlineReads

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            var limits = NIOHTTPDecoderLimitConfiguration()
            limits.maxHeaderFieldSize = configuration.httpDecoder.maxHeaderFieldSize
            limits.maxHeaderListSize = configuration.httpDecoder.maxHeaderListSize
            limits.maxHeaderFieldCount = configuration.httpDecoder.maxHeaderFieldCount
            let pipeline = channel.pipeline.syncOperations
            try pipeline.configureHTTPServerPipeline(
                withPipeliningAssistance: false, withErrorHandling: false, withOutboundHeaderValidation: false,
                withEncoderConfiguration: .init(), withDecoderLimitConfiguration: limits)
            if !inlineReads.isEmpty {
                let writer = InlineResponseWriter()
                try pipeline.addHandler(writer, position: .first)
                try pipeline.addHandler(InlineReadHandler(reads: inlineReads, writer: writer))
            }
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
    /// HTTP/1.1 with Loom's inline reads (`LoomHTTP1Channel`).
    static func loomHTTP1(inlineReads: InlineReads, configuration: HTTP1Channel.Configuration = .init()) -> HTTPServerBuilder {
        .init { responder in LoomHTTP1Channel(responder: responder, configuration: configuration, inlineReads: inlineReads) }
    }
}
