import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOConcurrencyHelpers
import Runtime
import Testing

@testable import Server

/// Collects the access log's lines.
final class AccessLogLines: Sendable {
    private let lines = NIOLockedValueBox<[String]>([])

    /// The writer to put in `LoomServer.Configuration.accessLogWriter`.
    var writer: @Sendable (String) -> Void { { line in self.lines.withLockedValue { $0.append(line) } } }

    /// Every line so far, parsed as JSON objects.
    var objects: [[String: any Sendable]] {
        lines.withLockedValue { $0 }.compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8))) as? [String: any Sendable]
        }
    }

    /// Every line so far, as written.
    var raw: [String] { lines.withLockedValue { $0 } }
}

/// The access log (`app.json` `accessLog`, issue 14): one line per request with method, route
/// template, status, duration, request id, identity and client IP, inline key reads included.
@Suite("Access log")
struct AccessLogTests {
    @Test("one JSON line per request: the route template, never the raw path, the status rendered for errors, the caller")
    func linePerRequest() async throws {
        let lines = AccessLogLines()
        try await TestApp.run("tracker", configure: { $0.accessLogWriter = lines.writer }) { app in
            let created = try await app.create("/v1/projects", #"{"name": "Logged", "owner_email": "a@example.com"}"#)
            let id = try #require(created["id"] as? String)
            let read = try await app.request(.get, "/v1/projects/\(id)?fields=name")
            try await app.request(.get, "/v1/nowhere/\(id)")
            try await app.request(.put, "/v1/projects/batch", json: "{}")
            try await app.request(.post, "/v1/projects", json: #"{"name": 5}"#)
            let entries = lines.objects
            #expect(entries.count == 5, "\(lines.raw)")
            #expect(entries.map { $0["route"] as? String } == [
                // Hummingbird matches no route for a method a path lacks (LoomMiddleware then answers 405).
                "/v1/projects", "/v1/projects/{id}", "NotFound", "NotFound", "/v1/projects",
            ])
            #expect(entries.map { $0["status"] as? Int } == [201, 200, 404, 405, 422])
            #expect(entries.map { $0["method"] as? String } == ["POST", "GET", "GET", "PUT", "POST"])
            #expect(entries[1]["request_id"] as? String == read.headers[HTTPField.Name("X-Request-Id")!])
            #expect(entries[1]["identity"] as? String == "user:user-1")
            #expect(entries[1]["organization_id"] as? String == "org-a")
            #expect(entries[1]["inline"] as? Bool == false)
            #expect(entries.allSatisfy { ($0["duration_ms"] as? Double ?? -1) >= 0 })
            #expect(!lines.raw.joined().contains(id), "no raw path or key in the log")
        }
    }

    @Test("inline key reads are logged too, with the route template Hummingbird reports and the peer's address")
    func inlineReadsLogged() async throws {
        try await TestDatabase.withMigratedApp("bench") { database, bench in
            let app = GeneratedApp(
                settings: bench.settings, schema: bench.schema, tables: bench.tables, openAPIDocument: bench.openAPIDocument,
                title: bench.title, accessLog: AccessLogSettings(format: .text), registerRoutes: bench.registerRoutes)
            let inlineLines = AccessLogLines(), plainLines = AccessLogLines()
            var configuration = LoomServer.Configuration(port: 0)
            configuration.accessLogWriter = inlineLines.writer
            let inline = LoomServer.buildApplication(app: app, database: database.client, configuration: configuration, logger: TestDatabase.logger)
            configuration.inlineReads = false
            configuration.accessLogWriter = plainLines.writer
            let plain = LoomServer.buildApplication(app: app, database: database.client, configuration: configuration, logger: TestDatabase.logger)
            let readsInline = database.client.readsKeysInline
            try await inline.test(.live) { client in
                let server = try TestApp(client: client, app: app)
                try await server.create("/v1/items", #"{"name": "logged", "price": 1.5}"#)
                // A bare request (the test client adds `Connection`, which sends a read through Hummingbird).
                let reply = try await RawHTTPExchange.exchange(
                    port: try #require(client.port), "GET /v1/items/1 HTTP/1.1\r\nHost: x\r\nX-Request-Id: inline-read-1\r\n\r\n")
                #expect(reply.hasPrefix("HTTP/1.1 200 OK"))
                let last = try #require(inlineLines.raw.last)
                #expect(last.hasPrefix("method=GET route=/v1/items/{id} status=200 duration_ms="), "\(last)")
                #expect(last.contains("request_id=inline-read-1 identity=- organization_id=- client_ip=127.0.0.1 inline=\(readsInline)"), "\(last)")
            }
            try await plain.test(.live) { client in
                try await TestApp(client: client, app: app).request(.get, "/v1/items/1", headers: [HTTPField.Name("X-Request-Id")!: "plain-1"])
                let last = try #require(plainLines.raw.last)
                #expect(last.contains("route=/v1/items/{id} status=200") && last.hasSuffix("client_ip=127.0.0.1 inline=false"), "\(last)")
            }
        }
    }

    @Test("text lines quote values with spaces; JSON lines are one object each")
    func formats() {
        let entry = AccessLogEntry(
            method: "GET", route: "/v1/items/{id}", status: 200, durationMilliseconds: 1.23456, requestID: "a b", identity: nil,
            organizationID: nil, clientIP: "::1", inline: true)
        #expect(entry.line(.text) == #"method=GET route=/v1/items/{id} status=200 duration_ms=1.235 request_id="a b" identity=- organization_id=- client_ip=::1 inline=true"#)
        #expect(entry.line(.json) == #"{"method":"GET","route":"/v1/items/{id}","status":200,"duration_ms":1.235,"request_id":"a b","identity":null,"organization_id":null,"client_ip":"::1","inline":true}"#)
    }
}
