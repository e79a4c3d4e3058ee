import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import NIOPosix
import Testing

@testable import Runtime
@testable import Server

/// Connection limits (`ConnectionLimits`): clients that trickle a request head are closed within
/// the head timeout while other clients are served; connections beyond the cap are closed as
/// they are accepted.
@Suite("Slow clients")
struct SlowClientTests {
    /// A live bench server with `limits`.
    static func server(app: GeneratedApp, database: any DatabaseClient, limits: ConnectionLimits) -> some ApplicationProtocol {
        var configuration = LoomServer.Configuration(port: 0)
        configuration.connectionLimits = limits
        return LoomServer.buildApplication(app: app, database: database, configuration: configuration, logger: TestDatabase.logger)
    }

    /// Opens a plain TCP connection to the server.
    static func connect(_ port: Int) async throws -> any Channel {
        try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton).connect(host: "127.0.0.1", port: port).get()
    }

    @Test("200 connections trickling a head are closed within the head timeout while another client is served")
    func slowHeadsClosed() async throws {
        try await TestDatabase.withMigratedApp("bench") { database, app in
            // The test client opens its connection up front; on a loaded machine 200 connects can
            // outlast the 75 s idle timeout, which would close it before its first request.
            // Bounds leave room for a loaded CI machine (timers and accepts then run late).
            let limits = ConnectionLimits(requestHeadTimeout: .seconds(5), requestBodyTimeout: .seconds(5), idleTimeout: .seconds(600))
            try await Self.server(app: app, database: database.client, limits: limits).test(.live) { client in
                let port = try #require(client.port)
                var slow: [any Channel] = []
                for _ in 0..<200 {
                    let channel = try await Self.connect(port)
                    channel.writeAndFlush(ByteBuffer(string: "GET /v1/items/1 HTTP/1.1\r\nHost: x\r\n"), promise: nil)
                    slow.append(channel)
                }
                let connected = ContinuousClock.now
                let trickle = Task {
                    for _ in 0..<60 {
                        try await Task.sleep(for: .milliseconds(150))
                        for channel in slow where channel.isActive {
                            channel.writeAndFlush(ByteBuffer(string: "X-Slow: 1\r\n"), promise: nil)
                        }
                    }
                }
                let served = try await client.executeRequest(uri: "/health", method: .get, headers: [:], body: nil)
                #expect(served.status == .ok)
                // Loose bounds, for a loaded machine: the other client is answered while slow
                // connections are still open (it did not wait for them), and they are all closed
                // long before the 600 s idle timeout although the trickle sends header lines for
                // 9 s: the 5 s head timeout closed them.
                #expect(slow.contains { $0.isActive }, "another client is served while the slow ones wait")
                for channel in slow { try? await channel.closeFuture.get() }
                let closed = ContinuousClock.now - connected
                trickle.cancel()
                #expect(closed < .seconds(30), "every slow connection closed by the head timeout (took \(closed))")
                let after = try await client.executeRequest(uri: "/health", method: .get, headers: [:], body: nil)
                #expect(after.status == .ok)
            }
        }
    }

    @Test("keep-alive requests are answered after pauses longer than the head timeout: between requests no head clock runs")
    func promptClientsServed() async throws {
        try await TestDatabase.withMigratedApp("bench") { database, app in
            let limits = ConnectionLimits(requestHeadTimeout: .seconds(1))
            try await Self.server(app: app, database: database.client, limits: limits).test(.live) { client in
                // One raw connection and no client-side timeout: on a loaded machine an answer may
                // take longer than a test client's read timeout, which said nothing about the
                // server. A connection the server closed ends the reads early and fails below.
                let port = try #require(client.port)
                let received = try await RawHTTPExchange.connect(port: port).executeThenClose { inbound, outbound in
                    var received = "", answers = 0
                    var reads = inbound.makeAsyncIterator()
                    for round in 0..<3 {
                        try await outbound.write(ByteBuffer(string: "GET /health HTTP/1.1\r\nHost: x\r\n\r\n"))
                        while answers <= round, let chunk = try await reads.next() {
                            received += String(buffer: chunk)
                            answers = RawHTTPExchange.completeResponses(in: received)
                        }
                        if round < 2 { try await Task.sleep(for: .milliseconds(1_200)) }
                    }
                    return received
                }
                #expect(RawHTTPExchange.completeResponses(in: received) == 3, "\(received.suffix(300))")
                #expect(received.components(separatedBy: "HTTP/1.1 200 OK").count == 4, "\(received.suffix(300))")
            }
        }
    }

    @Test("connections beyond the cap are closed as they are accepted")
    func connectionCap() async throws {
        try await TestDatabase.withMigratedApp("bench") { database, app in
            let limits = ConnectionLimits(idleTimeout: .seconds(600), maxConnections: 3)
            try await Self.server(app: app, database: database.client, limits: limits).test(.live) { client in
                let port = try #require(client.port)
                // The kernel completes all four connects before the server may have admitted
                // any: the server accepts them in one burst and admits each on its child event
                // loop, so which one is over the cap depends on the order the loops run in.
                // Exactly one is closed at once; the other three stay open (idle timeout 600 s).
                var channels: [any Channel] = []
                for _ in 0..<4 { channels.append(try await Self.connect(port)) }
                let deadline = ContinuousClock.now + .seconds(30)
                while channels.allSatisfy(\.isActive), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
                try await Task.sleep(for: .milliseconds(300))  // a second refusal would show by now
                #expect(channels.filter { !$0.isActive }.count == 1, "one of four closed as accepted, three held")
                for channel in channels where channel.isActive { try await channel.close() }
            }
        }
    }
}
