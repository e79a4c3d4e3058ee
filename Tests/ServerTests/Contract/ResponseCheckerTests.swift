import Generated
import HTTPTypes
import Testing

/// The checker `TestApp` runs on every answer fails when it should: an undocumented status, a
/// body breaking its schema, a wrong content type, a missing required header, an answer on a
/// route nobody documents. Without these, a checker that never complains would pass every test.
@Suite("Response checker")
struct ResponseCheckerTests {
    static let item = #"{"id": 1, "name": "Blue mug", "price": 12.5, "created_at": "2025-01-02T03:04:05.678Z", "updated_at": "2025-01-02T03:04:05.678Z"}"#
    /// A complete problem body with `status`.
    static func problem(_ status: Int, statusText: String? = nil) -> String {
        #"{"type": "about:blank", "title": "T", "status": \#(statusText ?? String(status)), "detail": "D", "code": "C", "request_id": "r1", "errors": []}"#
    }
    static let json: HTTPFields = [.contentType: "application/json", .eTag: "\"1\"", HTTPField.Name("X-Request-Id")!: "r1"]

    func violations(_ method: String, _ uri: String, _ status: Int, headers: HTTPFields = json, _ body: String) throws -> [String] {
        try ResponseChecker(openAPIDocument: Bench.openAPIDocument)
            .violations(method: method, uri: uri, status: status, headers: headers, body: Array(body.utf8))
    }

    @Test("a documented answer passes")
    func documentedAnswer() throws {
        #expect(try violations("GET", "/v1/items/1?fields=name", 200, Self.item) == [])
        #expect(try violations("HEAD", "/v1/items/1", 200, "") == [], "HEAD is checked as GET, without a body")
    }

    @Test("an undocumented status fails, naming the operation and the status")
    func undocumentedStatus() throws {
        let found = try violations("GET", "/v1/items/1", 418, headers: [.contentType: "application/problem+json"], "{}")
        #expect(found.count == 1)
        #expect(found.first?.contains("GET /v1/items/{id} (getItem) answered 418") == true, "\(found)")
    }

    @Test("a body breaking its schema fails, naming the JSON path")
    func schemaViolation() throws {
        let wrongType = try violations("GET", "/v1/items/1", 200, Self.item.replacingOccurrences(of: #""Blue mug""#, with: "5"))
        #expect(wrongType.count == 1)
        #expect(wrongType.first?.contains("(getItem) answered 200: $.name: expected string, got an integer") == true, "\(wrongType)")
        var created = Self.json
        created[.location] = "/v1/items/1"
        let missing = try violations("POST", "/v1/items", 201, headers: created, #"{"id": 1}"#)
        #expect(missing.contains { $0.contains("(createItem) answered 201: $: the required member `name` is missing") }, "\(missing)")
        let format = try violations("GET", "/v1/items/1", 200, Self.item.replacingOccurrences(of: "2025-01-02T03", with: "yesterday"))
        #expect(format.contains { $0.contains("$.created_at") && $0.contains("date-time") }, "\(format)")
        let page = try violations("GET", "/v1/items", 200, #"{"items": [{"id": "one"}], "limit": 20, "offset": 0, "total": 1}"#)
        #expect(page.contains { $0.contains("$.items[0].id: expected integer") }, "\(page)")
    }

    @Test("a duplicate member, a wrong content type and a missing required header fail")
    func malformedAnswers() throws {
        let duplicate = try violations("GET", "/v1/items/1", 200, Self.item.replacingOccurrences(of: "{", with: #"{"id": 2, "#))
        #expect(duplicate.contains { $0.contains("not valid JSON") }, "\(duplicate)")
        var html = Self.json
        html[.contentType] = "text/html"
        #expect(try violations("GET", "/v1/items/1", 200, headers: html, Self.item).contains { $0.contains("Content-Type text/html") })
        var untagged = Self.json
        untagged[.eTag] = nil
        #expect(try violations("GET", "/v1/items/1", 200, headers: untagged, Self.item).contains { $0.contains("ETag is missing") })
        #expect(try violations("DELETE", "/v1/items/1", 204, "{}").contains { $0.contains("a body (2 bytes)") })
    }

    @Test("a route no operation describes may only answer 404 or 405 in the error format")
    func undocumentedRoute() throws {
        let problem: HTTPFields = [.contentType: "application/problem+json"]
        let notFound = try violations("GET", "/v1/nothing", 404, headers: problem, Self.problem(404))
        #expect(notFound == [])
        #expect(try violations("GET", "/v1/nothing", 200, headers: problem, "{}").contains { $0.contains("only 404 can be") })
        let notAllowed = try violations("PUT", "/v1/items", 405, headers: problem, Self.problem(405))
        #expect(notAllowed == [])
        #expect(try violations("PUT", "/v1/items", 405, headers: problem, Self.problem(405, statusText: #""405""#)).contains { $0.contains("$.status") })
    }

    @Test("raw pipelined answers are split into status, headers and body")
    func rawAnswers() {
        let text = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
            + "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"
        let parsed = ResponseChecker.parse(text)
        #expect(parsed.map(\.status) == [200, 404])
        #expect(parsed.first?.headers[.contentType] == "application/json")
        #expect(parsed.first?.body == Array("{}".utf8))
    }
}
