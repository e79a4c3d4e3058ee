import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Testing

@testable import Runtime
@testable import Server

/// Prometheus metrics (issue 14, `metrics` of `app.json`) on both engines: requests by route
/// template, method and status (inline key reads included), the latency histogram, requests in
/// flight, rate-limit rejections and idempotent replays, scraped from the registry and from the
/// listener on its own port.
@Suite("Metrics")
struct MetricsTests {
    /// The samples of a Prometheus text exposition, by series (`name{label="value",...}`, labels
    /// sorted by name so a test can write them in any order).
    static func samples(_ metrics: RequestMetrics) -> [String: Double] {
        samples(String(decoding: metrics.exposition(), as: UTF8.self))
    }

    static func samples(_ text: String) -> [String: Double] {
        var samples: [String: Double] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            samples[series(String(line[..<space]))] = value
        }
        return samples
    }

    /// `name{b="2",a="1"}` as `name{a="1",b="2"}`.
    static func series(_ text: String) -> String {
        guard let open = text.firstIndex(of: "{"), text.hasSuffix("}") else { return text }
        let labels = text[text.index(after: open)..<text.index(before: text.endIndex)].split(separator: ",").sorted()
        return text[..<open] + "{" + labels.joined(separator: ",") + "}"
    }

    @Test("requests are counted by method, route template and status, inline key reads too, with their latencies")
    func requestsCounted() async throws {
        try await TestDatabase.withMigratedApp("bench") { database, app in
            let metrics = RequestMetrics()
            var configuration = LoomServer.Configuration(port: 0)
            configuration.metrics = metrics
            let routes = LoomServer.buildRoutes(app: app, database: database.client, configuration: configuration)
            #expect(routes.inlineReads.isEmpty == !database.client.readsKeysInline, "metrics keep the inline path")
            let server = LoomServer.buildApplication(app: app, database: database.client, configuration: configuration, logger: TestDatabase.logger)
            try await server.test(.live) { client in
                let bench = try TestApp(client: client, app: app)
                try await bench.create("/v1/items", #"{"name": "lamp", "price": 2.5}"#)
                for _ in 1...2 { #expect(try await bench.request(.get, "/v1/items/1").status == .ok) }
                #expect(try await bench.request(.get, "/v1/items/999").status == .notFound)
                #expect(try await bench.request(.get, "/v1/nothing/here").status == .notFound)
            }
            let samples = Self.samples(metrics)
            #expect(samples[#"http_requests_total{method="POST",route="/v1/items",status="201"}"#] == 1)
            #expect(samples[#"http_requests_total{method="GET",route="/v1/items/{id}",status="200"}"#] == 2)
            #expect(samples[#"http_requests_total{method="GET",route="/v1/items/{id}",status="404"}"#] == 1)
            #expect(samples[#"http_requests_total{method="GET",route="NotFound",status="404"}"#] == 1)
            #expect(samples[#"http_request_duration_seconds_count{method="GET",route="/v1/items/{id}"}"#] == 3)
            #expect((samples[#"http_request_duration_seconds_sum{method="GET",route="/v1/items/{id}"}"#] ?? 0) > 0)
            #expect(samples[#"http_request_duration_seconds_bucket{le="+Inf",method="POST",route="/v1/items"}"#] == 1)
            #expect(samples["http_requests_in_flight"] == 0)
        }
    }

    @Test("rate-limit rejections are counted by policy and idempotent replays are counted")
    func rejectionsAndReplays() async throws {
        let metrics = RequestMetrics()
        let oneEach = RateLimitSettings(perCaller: RateLimitPolicy(name: "standard", quota: 1, window: 60))
        try await RateLimitServer.run("tracker", settings: oneEach, rejected: metrics.rateLimitRejected) { app in
            _ = try await app.request(.get, "/v1/projects")
            let headers: HTTPFields = [TestAuthenticator.header: TestCaller.standard.headerValue!]
            // Past the response checker: tracker declares no rate limits, so its document lists no 429.
            let refused = try await app.client.executeRequest(uri: "/v1/projects", method: .get, headers: headers, body: nil)
            #expect(refused.status == .tooManyRequests)
        }
        try await TestApp.run("tracker", configure: { $0.metrics = metrics }) { app in
            let keyed: HTTPFields = [HTTPField.Name("Idempotency-Key")!: "metrics-1"]
            let project = #"{"name": "Metered", "owner_email": "a@b.io"}"#
            let first = try await app.request(.post, "/v1/projects", json: project, headers: keyed)
            let second = try await app.request(.post, "/v1/projects", json: project, headers: keyed)
            #expect(first.status == .created && second.status == .created)
        }
        let samples = Self.samples(metrics)
        #expect(samples[#"rate_limit_rejections_total{policy="standard"}"#] == 1)
        #expect(samples["idempotent_replays_total"] == 1)
        #expect(samples[#"http_requests_total{method="POST",route="/v1/projects",status="201"}"#] == 2)
    }

    @Test("the listener on its own port serves /metrics as Prometheus text, and nothing else")
    func scrapedOnItsOwnPort() async throws {
        let metrics = RequestMetrics()
        metrics.record(method: "GET", route: "/v1/items/{id}", status: 200, duration: .milliseconds(3))
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let server = MetricsServer(
            metrics: metrics, settings: MetricsSettings(port: 0), logger: TestDatabase.logger, onServerRunning: { continuation.yield($0) })
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            var iterator = ports.makeAsyncIterator()
            let port = try #require(await iterator.next())
            let scrape = try await RawHTTPExchange.exchange(port: port, "GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(scrape.hasPrefix("HTTP/1.1 200"))
            #expect(scrape.contains("Content-Type: \(MetricsServer.contentType)"))
            #expect(scrape.contains(#"http_requests_total{method="GET",route="/v1/items/{id}",status="200"} 1"#))
            #expect(scrape.contains("# TYPE http_request_duration_seconds histogram"))
            let other = try await RawHTTPExchange.exchange(port: port, "GET /v1/items/1 HTTP/1.1\r\nHost: x\r\n\r\n")
            #expect(other.hasPrefix("HTTP/1.1 404"))
            group.cancelAll()
        }
    }
}
