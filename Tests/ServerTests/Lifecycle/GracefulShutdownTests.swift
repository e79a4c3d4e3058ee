import AsyncHTTPClient
import Foundation
import NIOCore
import Runtime
import ServiceLifecycle
import Testing

@testable import Server

/// `LoomServer.serviceGroup`: the HTTP server, the database pool and background services in one
/// `ServiceGroup`, shut down in order (server, services, pool) without losing an acknowledged write.
@Suite("Graceful shutdown")
struct GracefulShutdownTests {
    /// A configuration for tests: port 0, no signal handling (tests trigger shutdown themselves).
    /// The bounds are generous: the whole suite runs in parallel on a small machine.
    static func configuration(drain: Duration = .seconds(30), port: Box<Int>) -> LoomServer.Configuration {
        var configuration = LoomServer.Configuration(port: 0)
        configuration.gracefulShutdownSignals = []
        configuration.requestDrainTimeout = drain
        configuration.shutdownTimeout = .seconds(120)
        configuration.onServerRunning = { port.set($0) }
        return configuration
    }

    /// Waits until `box` is set.
    static func value<Value: Sendable>(of box: Box<Value>) async throws -> Value {
        while true {
            if let value = box.current { return value }
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    @Test("shutdown during a steady stream of writes: every write answered 2xx is stored, in-flight ones finish, and it takes less than the bound")
    func writesSurviveShutdown() async throws {
        try await TestDatabase.withMigratedApp("bench") { database, app in
            let port = Box<Int>()
            let counters = HeldWrites.Counters()
            var configuration = Self.configuration(port: port)
            configuration.middleware = [HeldWrites(counters: counters, delay: .milliseconds(150))]
            let group = await LoomServer.serviceGroup(
                app: app, database: database.clientForServiceGroup(), configuration: configuration, logger: TestDatabase.logger)
            let client = Self.client()
            let stopped = Box<ContinuousClock.Instant>()
            let failures = Box<String>()
            let acknowledged = try await withThrowingTaskGroup(of: [Int].self) { tasks in
                tasks.addTask {
                    try await group.run()
                    stopped.set(.now)
                    return []
                }
                let url = "http://127.0.0.1:\(try await Self.value(of: port))/v1/items"
                for writer in 0..<8 {
                    tasks.addTask { await Self.write(client: client, url: url, writer: writer, failure: failures) }
                }
                // A steady stream: shut down once writes are both acknowledged and held in flight.
                let deadline = ContinuousClock.now + .seconds(60)
                while counters.answeredBeforeShutdown < 24 || counters.holding < 4, ContinuousClock.now < deadline {
                    try await Task.sleep(for: .milliseconds(5))
                }
                #expect(counters.holding >= 4, "writes failed before shutdown: \(failures.current ?? "none recorded")")
                counters.shutdownBegins()
                let started = ContinuousClock.now
                await group.triggerGracefulShutdown()
                var ids: [Int] = []
                for try await written in tasks { ids += written }
                let took = try #require(stopped.current) - started
                #expect(took < configuration.requestDrainTimeout, "the group took \(took) to stop")
                return ids
            }
            try await client.shutdown()
            #expect(counters.answeredDuringShutdown >= 4, "writes in flight when shutdown began were finished and answered")
            let stored = Set(try await database.client.fetch(SQLStatement("SELECT id FROM items")).compactMap { row -> Int? in
                if case .integer(let id) = row.values.first { return Int(id) }
                return nil
            })
            #expect(acknowledged.count >= 24 + 4)
            #expect(Set(acknowledged).subtracting(stored).isEmpty, "acknowledged writes missing after shutdown")
        }
    }

    /// A client whose requests fail at once when the server no longer accepts connections
    /// (by default it would retry connecting until the request's deadline).
    static func client() -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.retryConnectionEstablishment = false
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Creates items at `url` until the server stops answering; returns the ids of those answered
    /// 201. The first other answer is kept in `failure`, to explain a test that fails.
    static func write(client: HTTPClient, url: String, writer: Int, failure: Box<String>? = nil) async -> [Int] {
        var ids: [Int] = []
        for index in 0... {
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(ByteBuffer(string: #"{"name": "writer \#(writer) item \#(index)", "price": 1}"#))
            guard let response = try? await client.execute(request, timeout: .seconds(60)),
                let body = try? await response.body.collect(upTo: 1 << 16)
            else { return ids }
            guard response.status == .created else {
                failure?.set("\(response.status): \(String(buffer: body))")
                return ids
            }
            let object = (try? JSONSerialization.jsonObject(with: Data(buffer: body))) as? [String: Any]
            if let id = object?["id"] as? Int { ids.append(id) }
        }
        return ids
    }

    @Test("a request still running at the end of the drain bound is cancelled, unacknowledged, and the group stops on time")
    func drainBound() async throws {
        try await TestDatabase.withMigratedApp("bench") { database, app in
            let port = Box<Int>()
            let counters = HeldWrites.Counters()
            var configuration = Self.configuration(drain: .milliseconds(500), port: port)
            configuration.middleware = [HeldWrites(counters: counters, delay: .seconds(600))]
            let group = await LoomServer.serviceGroup(
                app: app, database: database.clientForServiceGroup(), configuration: configuration, logger: TestDatabase.logger)
            let client = Self.client()
            let stopped = Box<ContinuousClock.Instant>()
            try await withThrowingTaskGroup(of: [Int].self) { tasks in
                tasks.addTask {
                    try await group.run()
                    stopped.set(.now)
                    return []
                }
                let url = "http://127.0.0.1:\(try await Self.value(of: port))/v1/items"
                tasks.addTask { await Self.write(client: client, url: url, writer: 0) }
                while counters.holding < 1 { try await Task.sleep(for: .milliseconds(5)) }
                let started = ContinuousClock.now
                await group.triggerGracefulShutdown()
                var ids: [Int] = []
                for try await written in tasks { ids += written }
                #expect(ids.isEmpty, "nothing was acknowledged")
                let took = try #require(stopped.current) - started
                // Far sooner than the held request or the group's own bound would end it.
                #expect(took >= configuration.requestDrainTimeout && took < .seconds(60), "\(took)")
            }
            try await client.shutdown()
            #expect(try await database.client.fetch(SQLStatement("SELECT id FROM items")).isEmpty)
        }
    }

    /// What a refused migration looks like to the group.
    struct PreparationRefused: Error {}

    @Test("a failing preparation (a refused migration, say) stops the group with its error before anything is served or started")
    func failingPreparation() async throws {
        try await TestDatabase.withMigratedApp("bench") { database, app in
            let port = Box<Int>()
            let (events, continuation) = AsyncStream.makeStream(of: ProbeService.Event.self)
            var configuration = Self.configuration(port: port)
            configuration.services = [ProbeService(events: continuation, prepared: { false }, port: { port.current })]
            let group = await LoomServer.serviceGroup(
                app: app, database: database.clientForServiceGroup(), configuration: configuration, logger: TestDatabase.logger
            ) { _ in throw PreparationRefused() }
            await #expect(throws: PreparationRefused.self) { try await group.run() }
            continuation.finish()
            var started: [ProbeService.Event] = []
            for await event in events { started.append(event) }
            #expect(started.isEmpty && port.current == nil)
        }
    }

    @Test("a background service starts after preparation, and shutdown stops it after the HTTP server")
    func backgroundService() async throws {
        try await TestDatabase.withMigratedApp("bench") { database, app in
            let port = Box<Int>()
            let prepared = Box<Bool>()
            let (events, continuation) = AsyncStream.makeStream(of: ProbeService.Event.self)
            var configuration = Self.configuration(port: port)
            configuration.services = [ProbeService(events: continuation, prepared: { prepared.current == true }, port: { port.current })]
            let served = database.clientForServiceGroup()
            let group = await LoomServer.serviceGroup(
                app: app, database: served, configuration: configuration, logger: TestDatabase.logger
            ) { _ in
                // On PostgreSQL the group's own pool runs by now: preparation may use the database.
                try await served.ping()
                prepared.set(true)
            }
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                var iterator = events.makeAsyncIterator()
                #expect(await iterator.next() == .started(prepared: true))
                let reply = try await RawHTTPExchange.exchange(
                    port: try await Self.value(of: port), "GET /health/live HTTP/1.1\r\nHost: x\r\n\r\n")
                #expect(reply.hasPrefix("HTTP/1.1 200 OK"))
                await group.triggerGracefulShutdown()
                #expect(await iterator.next() == .stopping(serverStillListening: false))
                try await tasks.next()
            }
        }
    }
}
