import Foundation
import Testing

@testable import Runtime

/// URL parsing, error classification and bind text of the PostgreSQL driver (no server needed).
@Suite("PostgreSQL driver, offline")
struct PostgresSettingsTests {
    @Test("a full URL gives every setting")
    func fullURL() throws {
        let settings = try PostgresConnectionSettings(url: "postgres://app:s%40cret@db.internal:6432/loom?schema=tracker&pool_size=7")
        #expect(settings == PostgresConnectionSettings(
            host: "db.internal", port: 6432, username: "app", password: "s@cret", database: "loom", schema: "tracker", poolSize: 7))
    }

    @Test("a short URL falls back to libpq's defaults")
    func shortURL() throws {
        let settings = try PostgresConnectionSettings(url: "postgresql://loom@127.0.0.1")
        #expect(settings.port == 5432)
        #expect(settings.database == "loom")
        #expect(settings.password == nil)
        #expect(settings.poolSize == 20)
        #expect(settings.sslMode == .prefer)
        let strict = try PostgresConnectionSettings(url: "postgres://loom@db?sslmode=verify-full")
        #expect(strict.sslMode == .verifyFull)
        #expect(settings.statementTimeout == .seconds(10) && settings.connectTimeout == .seconds(10))
        let timed = try PostgresConnectionSettings(url: "postgres://loom@db?statement_timeout=2500&connect_timeout=30")
        #expect(timed.statementTimeout == .milliseconds(2500) && timed.connectTimeout == .seconds(30))
    }

    @Test("bad URLs are refused with the reason", arguments: [
        ("mysql://a@b/c", "postgres://"),
        ("postgres:///db", "no host"),
        ("postgres://a@h/d?schema=x;drop", "schema"),
        ("postgres://a@h/d?pool_size=0", "pool_size"),
        ("postgres://a@h/d?sslmode=allow", "sslmode"),
        ("postgres://a@h/d?timeout=3", "timeout"),
        ("postgres://a@h/d?connect_timeout=0", "connect_timeout"),
    ])
    func badURL(url: String, mention: String) {
        #expect {
            _ = try PostgresConnectionSettings(url: url)
        } throws: { error in
            String(describing: error).contains(mention)
        }
    }

    @Test("passwords are hidden in messages")
    func redaction() {
        #expect(PostgresConnectionSettings.redacted("postgres://u:pw@h:1/d") == "postgres://u:***@h:1/d")
        #expect(PostgresConnectionSettings.isPostgresURL("PostgreSQL://h"))
        #expect(!PostgresConnectionSettings.isPostgresURL("data/app.sqlite"))
    }

    @Test("SQLSTATEs map to the same codes as SQLite's")
    func sqlStates() {
        #expect(PostgresErrorMapping.code(sqlState: "23505", detail: #"Key (title, "project_id")=(a, b) already exists."#, column: nil)
            == .uniqueViolation(columns: ["title", "project_id"]))
        #expect(PostgresErrorMapping.code(sqlState: "23505", detail: "Key (lower(title))=(a) already exists.", column: nil)
            == .uniqueViolation(columns: []))
        #expect(PostgresErrorMapping.code(sqlState: "23503", detail: nil, column: nil) == .foreignKeyViolation)
        #expect(PostgresErrorMapping.code(sqlState: "23502", detail: nil, column: "title") == .notNullViolation(column: "title"))
        #expect(PostgresErrorMapping.code(sqlState: "23514", detail: nil, column: nil) == .checkViolation)
        #expect(PostgresErrorMapping.code(sqlState: "08006", detail: nil, column: nil) == .unavailable)
        #expect(PostgresErrorMapping.code(sqlState: "42P01", detail: nil, column: nil) == .other)
    }

    @Test("bind values are sent in PostgreSQL's text input syntax")
    func bindText() throws {
        let uuid = try #require(UUID(uuidString: "6F9619FF-8B86-D011-B42D-00C04FC964FF"))
        #expect(PostgresValueConversion.text(for: .uuid(uuid)) == "6f9619ff-8b86-d011-b42d-00c04fc964ff")
        #expect(PostgresValueConversion.text(for: .timestamp(Date(timeIntervalSince1970: 1.5))) == "1970-01-01T00:00:01.500Z")
        #expect(PostgresValueConversion.text(for: .bool(true)) == "true")
        #expect(PostgresValueConversion.text(for: .integer(-3)) == "-3")
        #expect(PostgresValueConversion.text(for: .null) == nil)
    }
}
