import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing

@testable import Auth
@testable import Runtime
@testable import Server

/// Issue 14's hygiene rules: the security header fields on every answer (inline key reads
/// included), `no-store` on auth answers, a `/docs` page nobody can frame, a body over the limit
/// refused from its `Content-Length` before it is read, error lists capped, database files only
/// their owner can read, and mail bodies (with their tokens) kept out of the log.
@Suite("Security hygiene")
struct SecurityHygieneTests {
    @Test("every answer says nosniff and no-referrer: a write, an error, an inline key read and the same read through Hummingbird")
    func securityFieldsEverywhere() async throws {
        try await TestDatabase.withMigratedApp("bench") { database, app in
            let (inlineServer, plainServer) = InlineReadTests.servers(app: app, database: database.client)
            try await inlineServer.test(.live) { inlineClient in
                try await plainServer.test(.live) { plainClient in
                    let inline = try TestApp(client: inlineClient, app: app), plain = try TestApp(client: plainClient, app: app)
                    let created = try await plain.request(.post, "/v1/items", json: #"{"name": "lamp", "price": 2.5}"#)
                    let missing = try await plain.request(.get, "/v1/nothing")
                    let read = try await inline.request(.get, "/v1/items/1")
                    let readThrough = try await plain.request(.get, "/v1/items/1")
                    for (label, reply) in [("create", created), ("404", missing), ("inline read", read), ("read", readThrough)] {
                        #expect(reply.headers[.xContentTypeOptions] == "nosniff", "\(label)")
                        #expect(reply.headers[.referrerPolicy] == "no-referrer", "\(label)")
                        #expect(reply.headers[.strictTransportSecurity] == nil, "\(label): the app does not say it is served over TLS")
                    }
                    #expect(read.status == .ok)
                    #expect(read.headers[.eTag] == readThrough.headers[.eTag])
                }
            }
        }
    }

    @Test("an app served over TLS adds Strict-Transport-Security, written once for both paths")
    func strictTransportSecurity() {
        let headers = CommonResponseHeaders(
            serverName: nil, security: SecurityHeaders(servedOverTLS: true, referrerPolicy: "same-origin", hstsMaxAge: 600))
        var response = Response(status: .ok, headers: [.strictTransportSecurity: "max-age=1", .location: "/v1/items/1"])
        headers.apply(to: &response, requestID: "r1", date: "now")
        #expect(response.headers[values: .strictTransportSecurity] == ["max-age=600; includeSubDomains"])
        #expect(response.headers[.referrerPolicy] == "same-origin")
        #expect(response.headers.map(\.name.canonicalName).suffix(4) == [
            "x-content-type-options", "referrer-policy", "strict-transport-security", "location",
        ])
    }

    @Test("auth answers are never stored by a cache")
    func authAnswersNotStored() async throws {
        try await TestApp.run("tracker") { app in
            let signUp = try await app.request(
                .post, TestApp.auth + "/signup", json: #"{"email": "ann@example.com", "password": "a long password", "name": "Ann"}"#)
            #expect(signUp.status == .created)
            #expect(signUp.headers[.cacheControl] == "no-store")
            let tasks = try await app.request(.get, "/v1/tasks")
            #expect(tasks.headers[.cacheControl] == nil)
        }
    }

    @Test("/docs may not be framed")
    func docsNotFramed() async throws {
        try await TestApp.run("tracker") { app in
            let docs = try await app.request(.get, "/docs")
            #expect(docs.headers[.contentSecurityPolicy]?.contains("frame-ancestors 'none'") == true)
        }
    }

    @Test("a Content-Length over the limit is a 413 that closes the connection, sent before any of the body")
    func oversizedBodyRefusedFromItsLength() async throws {
        try await TestApp.run("bench", setup: .live) { app in
            let port = try #require(app.client.port)
            let head = "POST /v1/items HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000000000\r\n\r\n"
            let answer = try await RawHTTPExchange.exchange(port: port, head)
            #expect(answer.hasPrefix("HTTP/1.1 413"))
            #expect(answer.lowercased().contains("connection: close"))
        }
    }

    @Test("an error lists at most 20 problems and still counts them all")
    func errorListCapped() async throws {
        try await TestApp.run("tracker") { app in
            let members = (0..<2_000).map { #""unknown_\#($0)": 1"# }.joined(separator: ", ")
            let reply = try await app.request(.post, "/v1/projects", json: "{\(members)}")
            #expect(reply.status.code == 400 || reply.status.code == 422)
            let listed = try #require(reply.object["errors"] as? [Any])
            #expect(listed.count == ErrorBodyFormat.maxListedFieldErrors)
            #expect(reply.bytes.count < 8_000)
        }
    }

    @Test("a new SQLite database and its WAL are readable by their owner alone")
    func databaseFilesPrivate() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loom-mode-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("app.sqlite").path
        let database = try SQLiteDatabase(path: path, logger: TestDatabase.logger)
        _ = try await database.write([SQLStatement("CREATE TABLE t (x INTEGER)"), SQLStatement("INSERT INTO t VALUES (1)")])
        for file in [path, path + "-wal"] {
            let mode = try #require(try FileManager.default.attributesOfItem(atPath: file)[.posixPermissions] as? Int)
            #expect(mode & 0o777 == 0o600, "\(file): \(String(mode, radix: 8))")
        }
        try await database.close()
    }

    @Test("the log mail sender keeps bodies (and their tokens) out of the log unless the development flag says so")
    func mailBodiesWithheld() async throws {
        let lines = LogLines()
        let logger = Logger(label: "mail") { _ in CapturingLogHandler(lines: lines) }
        let message = MailMessage(to: "ann@example.com", subject: "Reset", body: "token=secret-123")
        try await MailSenders.make(settings: nil, environment: [:], logger: logger).send(message)
        try await MailSenders.make(settings: nil, environment: [LogMailSender.bodiesFlag: "1"], logger: logger).send(message)
        let logged = lines.all
        #expect(logged.count == 2)
        #expect(logged.first?.contains("secret-123") == false)
        #expect(logged.first?.contains("Reset") == true)
        #expect(logged.last?.contains("secret-123") == true)
    }
}

/// Log lines collected by `CapturingLogHandler`.
final class LogLines: Sendable {
    private let lines = Mutex<[String]>([])
    /// Every line so far.
    var all: [String] { lines.withLock { $0 } }
    /// Adds a line.
    func append(_ line: String) { lines.withLock { $0.append(line) } }
}

/// A log handler that keeps each message, for tests of what reaches the log.
struct CapturingLogHandler: LogHandler {
    let lines: LogLines
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) { lines.append("\(event.message)") }
}
