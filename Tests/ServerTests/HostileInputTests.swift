import Foundation
import Hummingbird
import Testing

@testable import Server

/// Seeded random hostile requests against every route of the tracker: query strings built from
/// quotes, escapes, operators, NULs, bad UTF-8 and huge numbers, and bodies that are truncated,
/// deeply nested, mistyped or full of NULs. Whatever the input, the answer is a 4xx or a
/// success, never a 5xx: bad input must never reach the database in a form it rejects. The same
/// seed runs on both engines (this suite runs on PostgreSQL under `.ci/with-postgres`), which is
/// how a NUL that SQLite stores but PostgreSQL refuses was found.
@Suite("Hostile input")
struct HostileInputTests {
    /// Pieces query values are assembled from (already percent-encoded where needed).
    static let atoms = [
        "%27", "%22", "%5C", "%25", "%25%25", "%00", "%FF", "%2", "+", "%3B", "--", "/*", "()", "((", "))",
        "%7C%7C", "%26%26", "!", "~", "%3D", "null", "NULL", "1e999", "-0", String(repeating: "9", count: 40),
        "%C3%A9", "%E6%97%A5", "%E2%80%AE", "project_id.", ".", "..", "title", "priority", "status", "in", "is", "not",
        ",", ":nullsfirst", "-", "%5B", "%5D", "%7B", "%7D", "%ED%A0%80",
    ]
    /// Query parameter names: every list parameter, some field shorthands, and an unknown one.
    static let parameters = [
        "filter", "sort", "fields", "expand", "cursor", "limit", "offset", "count", "q", "deleted", "title", "priority",
        "status", "project_id", "xyz", "%00",
    ]
    /// Bodies: malformed JSON, wrong shapes, out-of-range numbers, NULs and lone surrogates.
    static let bodies = [
        "", "{", "[]", "null", #"{"title":"#, #"{"title":"x","project_id":"nope"}"#, #"{"title":1e999}"#,
        #"{"priority":"1"}"#, #"{"title":"\ud800"}"#, String(repeating: #"{"a":"#, count: 200), #"{"title":"x","title":"y"}"#,
        #"{"operations":[{"op":"create","data":{}}]}"#, #"{"operations":[{"op":"zz"}]}"#, #"{"operations":"x"}"#,
        #"{"operations":["# + Array(repeating: #"{"op":"delete","id":"x"}"#, count: 101).joined(separator: ",") + "]}",
        "\u{0}", #"{"estimate_hours":-1}"#, #"{"due_on":"2026-13-45"}"#, #"{"labels":[1,2,{}]}"#, #"{"title":"a\u0000"}"#,
        #"{"labels":["\u0000"]}"#, #"{"name":"\u0000","owner_email":"a@b.io"}"#, #"{"settings":{"\u0000":1}}"#,
        #"{"priority":9223372036854775808}"#, #"{"budget":1e308}"#, #"{"code":"\udfff"}"#,
    ]

    @Test("800 seeded hostile requests: no 5xx on any route")
    func noServerErrors() async throws {
        try await TestApp.run("tracker") { app in
            let project = try await app.create("/v1/projects", #"{"name": "Web", "owner_email": "ann@example.com"}"#)
            let projectID = try #require(project["id"] as? String)
            let task = try await app.create("/v1/tasks", #"{"title": "T", "project_id": "\#(projectID)"}"#)
            let taskID = try #require(task["id"] as? String)
            var random = SplitMix(seed: 0x10_0A)
            func atoms() -> String {
                (0..<random.next(below: 8) + 1).map { _ in Self.atoms[random.next(below: Self.atoms.count)] }.joined()
            }
            var failures: [String] = []
            for _ in 0..<400 {
                let table = ["tasks", "projects", "comments"][random.next(below: 3)]
                let query = (0..<random.next(below: 3) + 1).map { _ in
                    Self.parameters[random.next(below: Self.parameters.count)] + "=" + atoms()
                }.joined(separator: "&")
                let reply = try await app.request(.get, "/v1/\(table)?\(query)")
                if reply.status.code >= 500 { failures.append("GET /v1/\(table)?\(query) → \(reply.status.code) \(reply.text.prefix(200))") }
            }
            for _ in 0..<400 {
                let table = ["tasks", "projects", "comments"][random.next(below: 3)]
                let routes: [(HTTPRequest.Method, String)] = [
                    (.post, "/v1/\(table)"), (.patch, "/v1/\(table)/\(taskID)"), (.put, "/v1/\(table)/\(projectID)"),
                    (.post, "/v1/\(table)/batch"), (.post, "/v1/\(table)/upsert"), (.delete, "/v1/\(table)/\(atoms())"),
                    (.get, "/v1/\(table)/\(atoms())"), (.post, "/v1/\(table)/\(atoms())/restore"),
                ]
                let (method, path) = routes[random.next(below: routes.count)]
                var headers = HTTPFields()
                headers[.contentType] = ["application/json", "text/plain", "application/json; charset=utf-8"][random.next(below: 3)]
                if random.next(below: 5) == 0 { headers[.ifMatch] = "\"\(atoms())\"" }
                if random.next(below: 5) == 0 { headers[.ifNoneMatch] = atoms() }
                let body = Self.bodies[random.next(below: Self.bodies.count)]
                let reply = try await app.request(method, path, json: body, headers: headers)
                if reply.status.code >= 500 { failures.append("\(method) \(path) \(body.prefix(60)) → \(reply.status.code) \(reply.text.prefix(200))") }
            }
            let summary = failures.prefix(10).joined(separator: "\n")
            #expect(failures.isEmpty, "\(failures.count) server errors:\n\(summary)")
        }
    }
}

/// SplitMix64: a tiny deterministic generator, so a failure names a reproducible request.
struct SplitMix {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A value in `0..<bound`.
    mutating func next(below bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
