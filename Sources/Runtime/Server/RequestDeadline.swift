import NIOCore
import NIOHTTP1

/// The clock of a connection that bounds how long the client takes to send a request head,
/// then its body (`ConnectionLimits`). Two handlers drive it: `RequestDeadline.ByteWatcher`
/// before NIO's request decoder sees each read (the start of a head), `RequestDeadline.PartWatcher`
/// after it sees each decoded part (the end of a head, the end of a body). Both run on the
/// connection's event loop, so the shared state needs no lock; it is never touched elsewhere.
///
/// Cheap on purpose (key reads answered inline pass through it): a request moves the phase and
/// its deadline (one clock read each), and at most one timer is scheduled per connection. When
/// it fires it closes the connection if the current phase is past its deadline, re-arms for the
/// phase's deadline if not, and stops if the connection is between requests (Hummingbird's idle
/// timeout covers that). A keep-alive connection serving requests quickly schedules a timer
/// about once per head timeout, not once per request.
final class RequestDeadline {
    /// Where the connection is in its current request.
    private enum Phase {
        /// Between requests: nothing of a head has arrived.
        case idle
        /// A head (or the connection) started; it must be complete by the deadline.
        case head(NIODeadline)
        /// A head is complete; the body must be by the deadline.
        case body(NIODeadline)
        /// A head was refused (`HeadOverflowHandler`): the connection answers the requests before
        /// it, then the refusal, and closes. No clock runs: those answers are bounded by their
        /// time budgets, and nothing more is read as a request.
        case refused
    }

    let headTimeout: TimeAmount
    let bodyTimeout: TimeAmount
    private var phase = Phase.idle
    /// What is known of the current head's request line (`HeadOverflowHandler` tells a too long
    /// target from too large header fields with it).
    private(set) var requestLine = RequestLine.unmeasured
    private var scheduled: Scheduled<Void>?
    /// When the pending timer fires.
    private var scheduledAt: NIODeadline?

    /// A deadline with the given bounds.
    init(_ limits: ConnectionLimits) {
        headTimeout = TimeAmount(limits.requestHeadTimeout)
        bodyTimeout = TimeAmount(limits.requestBodyTimeout)
    }

    /// Starts the head's clock unless a request is under way (or a head was refused).
    func headMayStart(on channel: any Channel) {
        guard case .idle = phase else { return }
        requestLine = .measuring(bytesSoFar: 0)
        let deadline = channel.eventLoop.now + headTimeout
        phase = .head(deadline)
        schedule(deadline, on: channel)
    }

    /// Looks for the end of the request line in a read of the current head, while it has not
    /// been found: one byte search per request, over its first line. A head whose first read
    /// does not start with a method (the rest of a request pipelined behind another, whose
    /// start was in the previous read) stays unmeasured.
    func scanRequestLine(_ buffer: ByteBuffer) {
        guard case .measuring(let bytesSoFar) = requestLine else { return }
        let view = buffer.readableBytesView
        if bytesSoFar == 0, !Self.startsWithMethod(view) {
            requestLine = .unmeasured
        } else if let end = view.firstIndex(of: UInt8(ascii: "\n")) {
            requestLine = .measured(bytesSoFar + (end - view.startIndex))
        } else {
            requestLine = .measuring(bytesSoFar: bytesSoFar + view.count)
        }
    }

    /// Whether `bytes` start with a method token and a space (`GET `, `DELETE `).
    private static func startsWithMethod(_ bytes: ByteBufferView) -> Bool {
        var length = 0
        for byte in bytes.prefix(16) {
            if byte == UInt8(ascii: " ") { return length > 0 }
            guard byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") else { return false }
            length += 1
        }
        return false
    }

    /// The head is complete: the body's clock starts.
    func headEnded(on channel: any Channel) {
        if case .refused = phase { return }
        let deadline = channel.eventLoop.now + bodyTimeout
        phase = .body(deadline)
        schedule(deadline, on: channel)
    }

    /// The request is complete: no clock runs until the next head's first byte.
    func requestEnded() {
        if case .refused = phase { return }
        phase = .idle
    }

    /// A head was refused: the clock stops for good. Without this, a head clock started by the
    /// refused head closed the connection, without a word, when the answers owed before the
    /// refusal took longer than the head timeout (a loaded server).
    func headRefused() {
        disarm()
        phase = .refused
    }

    /// Stops the clock (the connection closed).
    func disarm() {
        phase = .idle
        scheduled?.cancel()
        scheduled = nil
        scheduledAt = nil
    }

    /// Schedules the timer for `deadline` unless one fires earlier (it re-arms when it fires).
    private func schedule(_ deadline: NIODeadline, on channel: any Channel) {
        if scheduled != nil, let scheduledAt, scheduledAt <= deadline { return }
        scheduled?.cancel()
        scheduledAt = deadline
        let bound = NIOLoopBound(self, eventLoop: channel.eventLoop)
        scheduled = channel.eventLoop.scheduleTask(deadline: deadline) { bound.value.fire(on: channel) }
    }

    private func fire(on channel: any Channel) {
        scheduled = nil
        scheduledAt = nil
        switch phase {
        case .idle, .refused:
            return
        case .head(let deadline), .body(let deadline):
            if deadline <= channel.eventLoop.now {
                channel.close(promise: nil)
            } else {
                schedule(deadline, on: channel)
            }
        }
    }
}

extension RequestDeadline {
    /// Sits before the request decoder: the first bytes of a head start the head's clock. (A
    /// connection that sends nothing is Hummingbird's idle timeout's to close: clients open
    /// connections ahead of their requests, and a loaded client may take seconds to use one.)
    final class ByteWatcher: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = ByteBuffer
        typealias InboundOut = ByteBuffer
        let deadline: RequestDeadline

        init(_ deadline: RequestDeadline) { self.deadline = deadline }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            deadline.headMayStart(on: context.channel)
            deadline.scanRequestLine(unwrapInboundIn(data))
            context.fireChannelRead(data)
        }

        func channelInactive(context: ChannelHandlerContext) {
            deadline.disarm()
            context.fireChannelInactive()
        }
    }

    /// Sits after the request decoder (before inline reads, which answer some requests without
    /// passing them on): a complete head starts the body's clock, a complete request stops it.
    final class PartWatcher: ChannelInboundHandler, RemovableChannelHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias InboundOut = HTTPServerRequestPart
        let deadline: RequestDeadline

        init(_ deadline: RequestDeadline) { self.deadline = deadline }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head: deadline.headEnded(on: context.channel)
            case .body: break
            case .end: deadline.requestEnded()
            }
            context.fireChannelRead(data)
        }
    }
}

/// What a connection knows of the request line of the head it is reading.
enum RequestLine {
    /// Its start was not seen at the start of a read (a pipelined request): nothing is known.
    case unmeasured
    /// Its start was seen and its end not yet, after `bytesSoFar` bytes.
    case measuring(bytesSoFar: Int)
    /// It ended after this many bytes.
    case measured(Int)
}
