import Auth
import Foundation
import HTTPTypes
import Testing

@testable import Runtime
@testable import Server

/// Usage statistics (`app.json` `usage`, issue 14): requests, 4xx and 5xx answers and latency
/// percentiles per API key, organization and UTC day, counted in memory, added to the database
/// by additive flushes and read at `GET /v1/usage`, confined to the caller's organization; old
/// days are purged. Runs on the suite's engine (SQLite, or PostgreSQL under `.ci/with-postgres`).
@Suite("Usage statistics")
struct UsageTests {
    static let admin = TestCaller.unbound(scopes: ["usage:read"], user: "operator")
    static let settings = UsageSettings(retentionDays: 90, path: "/usage")

    /// The rows `caller` sees for `query`, failing the test unless the answer is 200.
    static func rows(_ app: TestApp, _ query: String = "", as caller: TestCaller = admin) async throws -> [[String: any Sendable]] {
        let reply = try await app.as(caller).request(.get, "/v1/usage" + query)
        #expect(reply.status == .ok, "\(reply.text)")
        return reply.items
    }

    /// A second server's recorder and service on the same database ("another instance").
    static func instance(_ app: TestApp, now: @escaping @Sendable () -> Date = { Date() }) throws -> (UsageRecorder, UsageService) {
        let recorder = UsageRecorder(now: now)
        return (recorder, UsageService(recorder: recorder, database: try #require(app.database), settings: settings, logger: TestDatabase.logger))
    }

    static func member(of organization: String, key: String? = nil) -> Identity {
        Identity(subject: key ?? "user-9", kind: key == nil ? "user" : "api_key", scopes: ["*"], userID: "user-9", organizationID: organization)
    }

    @Test("requests, 4xx and the latency of an organization's callers are counted per day; the reader's own request is not")
    func countsRequests() async throws {
        try await TestApp.run("tracker") { app in
            try await app.create("/v1/projects", #"{"name": "Counted", "owner_email": "a@example.com"}"#)
            #expect(try await app.request(.get, "/v1/projects").status == .ok)
            #expect(try await app.request(.get, "/v1/projects/00000000-0000-0000-0000-000000000000").status == .notFound)
            let rows = try await Self.rows(app)
            #expect(rows.count == 1, "\(rows)")
            let row = try #require(rows.first)
            #expect(row["day"] as? String == CalendarDay.text(CalendarDay.number(of: Date())))
            #expect(row["organization_id"] as? String == "org-a")
            #expect(row["api_key_id"] is NSNull)
            #expect(row["requests"] as? Int == 3)
            #expect(row["client_errors"] as? Int == 1)
            #expect(row["server_errors"] as? Int == 0)
            let latency = try #require(row["latency_ms"] as? [String: any Sendable])
            #expect((latency["p50"] as? Double ?? -1) > 0, "\(latency)")
            // A second read adds what came since, to the same row.
            #expect(try await app.request(.get, "/v1/projects").status == .ok)
            #expect(try await Self.rows(app).first?["requests"] as? Int == 4)
        }
    }

    @Test("percentiles come from the bucket counts: p50, p95 and p99 interpolated in their buckets")
    func percentiles() async throws {
        try await TestApp.run("tracker") { app in
            let (recorder, service) = try Self.instance(app)
            let caller = Self.member(of: "0e000000-0000-4000-8000-00000000000e")
            for _ in 0..<50 { recorder.record(identity: caller, status: 200, duration: .microseconds(500)) }
            for _ in 0..<45 { recorder.record(identity: caller, status: 200, duration: .milliseconds(20)) }
            for _ in 0..<5 { recorder.record(identity: caller, status: 503, duration: .milliseconds(400)) }
            try await service.flush()
            let row = try #require(try await Self.rows(app, "?organization_id=0e000000-0000-4000-8000-00000000000e").first)
            #expect(row["requests"] as? Int == 100)
            #expect(row["server_errors"] as? Int == 5)
            let latency = try #require(row["latency_ms"] as? [String: any Sendable])
            #expect(latency["p50"] as? Double == 1)
            #expect(latency["p95"] as? Double == 25)
            #expect(latency["p99"] as? Double == 450)
        }
    }

    @Test("two instances' flushes add up in one row; grouping per organization sums its keys")
    func twoWritersAddUp() async throws {
        try await TestApp.run("tracker") { app in
            let (first, firstService) = try Self.instance(app)
            let (second, secondService) = try Self.instance(app)
            for _ in 0..<3 { first.record(identity: Self.member(of: "0c000000-0000-4000-8000-00000000000c"), status: 200, duration: .milliseconds(3)) }
            for _ in 0..<4 { second.record(identity: Self.member(of: "0c000000-0000-4000-8000-00000000000c"), status: 404, duration: .milliseconds(3)) }
            second.record(identity: Self.member(of: "0c000000-0000-4000-8000-00000000000c", key: "01000000-0000-4000-8000-000000000001"), status: 200, duration: .milliseconds(3))
            async let one: Void = firstService.flush()
            async let two: Void = secondService.flush()
            _ = try await (one, two)
            first.record(identity: Self.member(of: "0c000000-0000-4000-8000-00000000000c"), status: 500, duration: .milliseconds(3))
            try await firstService.flush()
            let rows = try await Self.rows(app, "?organization_id=0c000000-0000-4000-8000-00000000000c")
            let tokens = try #require(rows.first { $0["api_key_id"] is NSNull })
            #expect(tokens["requests"] as? Int == 8)
            #expect(tokens["client_errors"] as? Int == 4)
            #expect(tokens["server_errors"] as? Int == 1)
            #expect(rows.first { $0["api_key_id"] as? String == "01000000-0000-4000-8000-000000000001" }?["requests"] as? Int == 1)
            let summed = try await Self.rows(app, "?organization_id=0c000000-0000-4000-8000-00000000000c&group=organization")
            #expect(summed.count == 1)
            #expect(summed.first?["requests"] as? Int == 9)
            #expect(summed.first?["api_key_id"] is NSNull)
            #expect(try await Self.rows(app, "?api_key_id=01000000-0000-4000-8000-000000000001").count == 1)
        }
    }

    @Test("requests made with a real API key are counted under the key's id")
    func apiKeyCounted() async throws {
        try await TestApp.run("tracker") { app in
            let account = try await app.signUp()
            let created = try await app.request(
                .post, TestApp.auth + "/api-keys", json: #"{"name": "ci", "environment": "test", "scopes": ["projects:read"]}"#,
                headers: account.headers)
            #expect(created.status == .created, "\(created.text)")
            let key = try #require(created.object["key"] as? String)
            let id = try #require(created.object["id"] as? String)
            #expect(try await app.identity([APIKeyHeader.name: key]).status == .ok)
            let rows = try await Self.rows(app, "?api_key_id=\(id)")
            #expect(rows.count == 1, "\(rows)")
            #expect(rows.first?["requests"] as? Int == 1)
            #expect(rows.first?["organization_id"] is NSNull)
        }
    }

    @Test("the scope is required (401 without a credential, 403 without usage:read); an organization's admin sees only its rows")
    func accessAndScoping() async throws {
        try await TestApp.run("tracker") { app in
            let (recorder, service) = try Self.instance(app)
            recorder.record(identity: Self.member(of: "0a000000-0000-4000-8000-00000000000a"), status: 200, duration: .milliseconds(1))
            recorder.record(identity: Self.member(of: "0b000000-0000-4000-8000-00000000000b"), status: 200, duration: .milliseconds(1))
            try await service.flush()
            #expect(try await app.as(.anonymous).request(.get, "/v1/usage").status == .unauthorized)
            let member = TestCaller.organization("0a000000-0000-4000-8000-00000000000a", scopes: ["projects:read"])
            #expect(try await app.as(member).request(.get, "/v1/usage").status == .forbidden)
            let adminA = TestCaller.organization("0a000000-0000-4000-8000-00000000000a", scopes: ["usage:read"], user: "admin-a")
            let seen = try await Self.rows(app, as: adminA)
            #expect(!seen.isEmpty && seen.allSatisfy { $0["organization_id"] as? String == "0a000000-0000-4000-8000-00000000000a" }, "\(seen)")
            #expect(try await Self.rows(app, "?organization_id=0b000000-0000-4000-8000-00000000000b", as: adminA).isEmpty)
            let everyone = try await Self.rows(app)
            #expect(Set(everyone.compactMap { $0["organization_id"] as? String }) == ["0a000000-0000-4000-8000-00000000000a", "0b000000-0000-4000-8000-00000000000b"])
        }
    }

    @Test("days and pages filter; bad parameters are one 400 naming each")
    func filtersAndPages() async throws {
        try await TestApp.run("tracker") { app in
            let now = Date()
            let (old, oldService) = try Self.instance(app, now: { now.addingTimeInterval(-2 * 86_400) })
            old.record(identity: Self.member(of: "0f000000-0000-4000-8000-00000000000f"), status: 200, duration: .milliseconds(1))
            try await oldService.flush()
            let (recent, recentService) = try Self.instance(app)
            recent.record(identity: Self.member(of: "0f000000-0000-4000-8000-00000000000f"), status: 200, duration: .milliseconds(1))
            try await recentService.flush()
            let today = CalendarDay.number(of: now)
            let all = try await Self.rows(app, "?organization_id=0f000000-0000-4000-8000-00000000000f")
            #expect(all.map { $0["day"] as? String } == [CalendarDay.text(today), CalendarDay.text(today - 2)])
            #expect(try await Self.rows(app, "?organization_id=0f000000-0000-4000-8000-00000000000f&from=\(CalendarDay.text(today - 1))").count == 1)
            #expect(try await Self.rows(app, "?organization_id=0f000000-0000-4000-8000-00000000000f&to=\(CalendarDay.text(today - 2))").count == 1)
            let page = try await app.as(Self.admin).request(.get, "/v1/usage?organization_id=0f000000-0000-4000-8000-00000000000f&limit=1&offset=1")
            #expect(page.object["total"] as? Int == 2)
            #expect(page.items.map { $0["day"] as? String } == [CalendarDay.text(today - 2)])
            let bad = try await app.as(Self.admin).request(.get, "/v1/usage?from=2026-13-01&to=yesterday&limit=0&colour=red")
            #expect(bad.status == .badRequest)
            #expect(Set(bad.errorFields).isSuperset(of: ["limit", "colour"]), "\(bad.text)")
            let badDays = try await app.as(Self.admin).request(.get, "/v1/usage?from=2026-02-30&to=yesterday")
            #expect(badDays.status == .badRequest)
            #expect(badDays.errorFields == ["from", "to"])
        }
    }

    @Test("the purge removes days older than the retention and keeps the rest")
    func retentionPurge() async throws {
        try await TestApp.run("tracker") { app in
            let now = Date()
            for days in [100, 80] {
                let (recorder, service) = try Self.instance(app, now: { now.addingTimeInterval(-Double(days) * 86_400) })
                recorder.record(identity: Self.member(of: "0d000000-0000-4000-8000-00000000000d"), status: 200, duration: .milliseconds(1))
                try await service.flush()
            }
            let (_, service) = try Self.instance(app)
            #expect(try await service.purge() == 1)
            let kept = try await Self.rows(app, "?organization_id=0d000000-0000-4000-8000-00000000000d")
            #expect(kept.map { $0["day"] as? String } == [CalendarDay.text(CalendarDay.number(of: now) - 80)])
        }
    }
}
