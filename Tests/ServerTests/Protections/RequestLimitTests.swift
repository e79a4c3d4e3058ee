import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SchemaModel
import Testing

@testable import Runtime
@testable import Server

/// Issue 14's request limits (`limits` of `app.json`, `RequestLimits`): a target over 8 KB is
/// 414, header fields over 32 KB are 431, more than 50 query parameters are 400 naming the
/// query, each in the app's error format and documented on every operation; a head NIO's
/// decoder gives up on is answered too, and an inline key read never skips the limits.
@Suite("Request limits")
struct RequestLimitTests {
    @Test("a target over 8 KB is 414, header fields over 32 KB are 431, 51 query parameters are 400 naming the query")
    func decodedHeadsRefused() async throws {
        try await TestApp.run("bench") { app in
            let longTarget = try await app.request(.get, "/v1/items?name=" + String(repeating: "a", count: 8_200))
            #expect(longTarget.status == .uriTooLong)
            #expect(longTarget.object["code"] as? String == "URI_TOO_LONG")
            #expect(longTarget.errorFields == ["url"])
            let bigHeaders = try await app.request(.get, "/v1/items", headers: [HTTPField.Name("X-Padding")!: String(repeating: "b", count: 33_000)])
            #expect(bigHeaders.status == .requestHeaderFieldsTooLarge)
            #expect(bigHeaders.object["code"] as? String == "REQUEST_HEADER_FIELDS_TOO_LARGE")
            let parameters = (0..<51).map { "p\($0)=1" }.joined(separator: "&")
            let tooMany = try await app.request(.get, "/v1/items?" + parameters)
            #expect(tooMany.status == .badRequest)
            #expect(tooMany.errorFields == ["query"])
            #expect(tooMany.text.contains("51 parameters"))
            let fifty = try await app.request(.get, "/v1/items?" + (0..<50).map { "p\($0)=1" }.joined(separator: "&"))
            #expect(!fifty.errorFields.contains("query"), "50 parameters are within the limit (the list still names the unknown ones)")
            let fine = try await app.request(.get, "/v1/items")
            #expect(fine.status == .ok)
        }
    }

    @Test("the generator's defaults (app.json without these keys) and RequestLimits.standard (hand-built settings) agree")
    func defaultsAgree() {
        let schema = LimitsSchema()
        #expect(RequestLimits.standard == RequestLimits(
            maxURLBytes: schema.maxURLBytes, maxHeaderBytes: schema.maxHeaderBytes, maxQueryParameters: schema.maxQueryParameters,
            standardBudget: .seconds(schema.timeoutSeconds), batchBudget: .seconds(schema.batchTimeoutSeconds)))
    }

    @Test("routes get their budgets: a batch the app's batch budget, an endpoint its own timeoutSeconds, the rest the standard one")
    func routeBudgets() async throws {
        try await TestDatabase.withMigratedApp("tracker") { database, app in
            let registry = LoomServer.registry(app: app, database: database.client, configuration: LoomServer.Configuration())
            func budget(_ method: HTTPRequest.Method, _ path: String) -> Duration? {
                registry.routes.first { $0.method == method && $0.path == path }?.budget
            }
            #expect(budget(.get, "/v1/projects/{id}/summary") == .seconds(10), "project_summary.json declares timeoutSeconds: 10")
            #expect(budget(.post, "/v1/tasks/batch") == .seconds(120))
            #expect(budget(.get, "/v1/tasks") == .seconds(30))
            #expect(budget(.get, "/health") == .seconds(30))
        }
    }

    @Test("a head given up on is 414 when its request line never ended or is longer than the limit, else 431; 431 when its line was not seen")
    func overflowStatus() {
        let refusals = HeadRefusals(app: AppSettings(
            name: "t", basePath: "/v1", errorFormat: ErrorBodyFormat(contentType: "application/json", template: .value(.code)),
            maxBodyBytes: 1, pageLimits: PageLimits(defaultSize: 1, maximumSize: 1)), serverName: nil)
        #expect(refusals.refusal(.measuring(bytesSoFar: 40_000)).status == .uriTooLong)
        #expect(refusals.refusal(.measured(9_000)).status == .uriTooLong)
        #expect(refusals.refusal(.measured(100)).status == .requestHeaderFieldsTooLarge)
        #expect(refusals.refusal(.unmeasured).status == .requestHeaderFieldsTooLarge)
    }

    @Test("query parameters are the non-empty &-separated pieces before any fragment")
    func queryParameterCount() {
        #expect(RequestLimits.queryParameterCount("/v1/items") == 0)
        #expect(RequestLimits.queryParameterCount("/v1/items?") == 0)
        #expect(RequestLimits.queryParameterCount("/v1/items?a=1&&b&") == 2)
        #expect(RequestLimits.queryParameterCount("/v1/items?a=1&b=2#c&d") == 2)
    }

    @Test("a head past what the decoder reads is answered 431 or 414 in the app's format and the connection closes; inline reads keep the limits")
    func overflowingHeadsAnswered() async throws {
        try await TestApp.run("bench", setup: .live) { app in
            let port = try #require(app.client.port)
            let created = try await app.create("/v1/items", #"{"name": "lamp", "price": 2.5}"#)
            let id = "\(try #require(created["id"]))"
            let huge = "GET /v1/items HTTP/1.1\r\nHost: x\r\nX-Padding: \(String(repeating: "c", count: 60_000))\r\n\r\n"
            let headerAnswer = try await RawHTTPExchange.exchange(port: port, huge)
            #expect(headerAnswer.hasPrefix("HTTP/1.1 431"), "\(headerAnswer.prefix(200))")
            #expect(headerAnswer.lowercased().contains("connection: close"))
            #expect(headerAnswer.contains("REQUEST_HEADER_FIELDS_TOO_LARGE"))
            #expect(headerAnswer.lowercased().contains("x-request-id: "))
            let longLine = "GET /v1/items?name=\(String(repeating: "d", count: 60_000)) HTTP/1.1\r\nHost: x\r\n\r\n"
            let targetAnswer = try await RawHTTPExchange.exchange(port: port, longLine)
            #expect(targetAnswer.hasPrefix("HTTP/1.1 414"), "\(targetAnswer.prefix(200))")
            #expect(targetAnswer.contains("URI_TOO_LONG"))
            // Pipelined behind a request Hummingbird answers, the refusal waits for that answer (HTTP/1.1 answers in order).
            let pipelined = "GET /v1/items HTTP/1.1\r\nHost: x\r\n\r\n" + huge
            let answers = try await RawHTTPExchange.exchange(port: port, pipelined, responseCount: 2)
            #expect(answers.hasPrefix("HTTP/1.1 200"), "\(answers.prefix(200))")
            #expect(answers.contains("\r\n\r\nHTTP/1.1 431") || answers.contains("}HTTP/1.1 431"), "the 431 follows the 200: \(answers.suffix(300))")
            // A public key read is answered inline on SQLite: with 33 KB of fields it goes through the middleware instead.
            let padded = try await app.request(.get, "/v1/items/\(id)", headers: [HTTPField.Name("X-Padding")!: String(repeating: "e", count: 33_000)])
            #expect(padded.status == .requestHeaderFieldsTooLarge)
            #expect(try await app.request(.get, "/v1/items/\(id)").status == .ok)
        }
    }
}
