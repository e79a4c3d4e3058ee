import Foundation
import Hummingbird
import HummingbirdTLS
import Logging
import NIOCore
import NIOSSL

/// A webhook receiver on 127.0.0.1 for delivery tests: records every request and answers from
/// a script (status, `Retry-After`, a delay), then 200 once the script is used up.
struct WebhookReceiver: Sendable {
    /// One scripted answer.
    struct Answer: Sendable {
        var status = 200
        var retryAfter: String?
        var delay: Duration = .zero
    }

    /// One received request.
    struct Received: Sendable {
        let headers: [String: String]
        let body: [UInt8]
    }

    /// The script and the log.
    actor State {
        var script: [Answer] = []
        var received: [Received] = []
        func next(_ request: Received) -> Answer {
            received.append(request)
            return script.isEmpty ? Answer() : script.removeFirst()
        }
        func setScript(_ answers: [Answer]) { script = answers }
    }

    /// Where deliveries go.
    let url: String
    let state: State

    /// Requests so far.
    func received() async -> [Received] { await state.received }

    /// Waits until `count` requests arrived (at most `timeout`), returning them.
    func waitFor(_ count: Int, timeout: Duration = .seconds(20)) async throws -> [Received] {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let received = await state.received
            if received.count >= count { return received }
            try await Task.sleep(for: .milliseconds(20))
        }
        return await state.received
    }

    private static var quietLogger: Logger {
        var logger = Logger(label: "webhook-receiver")
        logger.logLevel = .critical
        return logger
    }

    /// Runs `body` with a receiver listening on 127.0.0.1, stopped afterwards; with `tls`, over
    /// https, its URL naming `localhost` (which resolves to 127.0.0.1) so the certificate's name is checked.
    static func run(
        script: [Answer] = [], tls: TLSConfiguration? = nil, _ body: @Sendable (WebhookReceiver) async throws -> Void
    ) async throws {
        let state = State()
        await state.setScript(script)
        let router = Router()
        router.post("/hook") { request, _ -> Response in
            let bytes = try await request.body.collect(upTo: 1 << 20)
            var headers: [String: String] = [:]
            for field in request.headers { headers[field.name.canonicalName] = field.value }
            let answer = await state.next(Received(headers: headers, body: Array(buffer: bytes)))
            if answer.delay > .zero { try await Task.sleep(for: answer.delay) }
            var response = Response(status: .init(code: answer.status), body: .init(byteBuffer: ByteBuffer(string: "answer \(answer.status)")))
            if let retryAfter = answer.retryAfter { response.headers[.retryAfter] = retryAfter }
            return response
        }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let application = Application(
            router: router, server: try tls.map { try .tls(.http1(), tlsConfiguration: $0) } ?? .http1(),
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) }, logger: quietLogger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await application.runService() }
            var iterator = ports.makeAsyncIterator()
            let port = await iterator.next() ?? 0
            do {
                let url = tls == nil ? "http://127.0.0.1:\(port)/hook" : "https://localhost:\(port)/hook"
                try await body(WebhookReceiver(url: url, state: state))
            } catch {
                group.cancelAll()
                throw error
            }
            group.cancelAll()
        }
    }
}
