import NIOCore
import NIOEmbedded
import Testing

@testable import Runtime

/// The head and body clock of a connection (`RequestDeadline`), on an embedded event loop whose
/// time the test moves.
@Suite("Request deadline")
struct RequestDeadlineTests {
    private static func connected() throws -> (EmbeddedChannel, EmbeddedEventLoop) {
        let loop = EmbeddedEventLoop()
        let channel = EmbeddedChannel(loop: loop)
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 1)).wait()
        return (channel, loop)
    }

    @Test("a head not complete within the head timeout closes the connection")
    func headTimeoutCloses() throws {
        let (channel, loop) = try Self.connected()
        let deadline = RequestDeadline(ConnectionLimits(requestHeadTimeout: .seconds(1)))
        deadline.headMayStart(on: channel)
        loop.advanceTime(by: .milliseconds(900))
        #expect(channel.isActive)
        loop.advanceTime(by: .milliseconds(200))
        #expect(!channel.isActive)
    }

    @Test("after a refused head no clock runs: the answers owed before the refusal may take longer than the head timeout")
    func refusedHeadStopsTheClock() throws {
        let (channel, loop) = try Self.connected()
        let deadline = RequestDeadline(ConnectionLimits(requestHeadTimeout: .seconds(1)))
        deadline.headMayStart(on: channel)
        deadline.headRefused()
        // Bytes after the refusal (the rest of the refused head) start no new clock.
        deadline.headMayStart(on: channel)
        deadline.requestEnded()
        deadline.headMayStart(on: channel)
        loop.advanceTime(by: .seconds(30))
        #expect(channel.isActive)
        _ = try? channel.finish()
    }
}
