import Foundation
import Hummingbird
import Runtime
import Testing

@testable import Server

@Suite("Tracker: bad input and error statuses")
struct TrackerErrorTests {
    @Test("malformed JSON is a 400 problem+json with code, request_id and the request id header")
    func malformedJSON() async throws {
        try await TestApp.run("tracker") { app in
            let reply = try await app.request(.post, "/v1/projects", json: #"{"name": "x",}"#)
            #expect(reply.status == .badRequest)
            #expect(reply.headers[.contentType] == "application/problem+json")
            let object = reply.object
            #expect(object["code"] as? String == "BAD_REQUEST")
            #expect(object["status"] as? Int == 400)
            #expect(object["title"] as? String == "Bad Request")
            #expect((object["type"] as? String)?.isEmpty == false)
            #expect(object["request_id"] as? String == reply.headers[.requestID])
            #expect((object["errors"] as? [Any])?.isEmpty == true)
        }
    }

    @Test("wrong types, missing required and unknown fields are one 422 naming each field")
    func validationNamesEveryField() async throws {
        try await TestApp.run("tracker") { app in
            let reply = try await app.request(
                .post, "/v1/projects", json: #"{"owner_email": 42, "budget": "much", "colour": "red", "status": "gone"}"#)
            #expect(reply.status == .unprocessableContent)
            #expect(reply.object["code"] as? String == "VALIDATION_ERROR")
            #expect(Set(reply.errorFields) == ["name", "owner_email", "budget", "colour", "status"])
        }
    }

    @Test("constraint violations name the field", arguments: [
        (#"{"name": "", "owner_email": "a@b.io"}"#, "name"),
        (#"{"name": "x", "owner_email": "not-an-email"}"#, "owner_email"),
        (#"{"name": "x", "owner_email": "a@b.io", "homepage": "ftp://example.com"}"#, "homepage"),
        (#"{"name": "x", "owner_email": "a@b.io", "budget": -1}"#, "budget"),
        (#"{"name": "x", "owner_email": "a@b.io", "external_id": "123"}"#, "external_id"),
        (#"{"name": "x", "owner_email": "a@b.io", "status": "ACTIVE"}"#, "status"),
        (#"{"name": "x", "owner_email": "a@b.io", "settings": null}"#, "settings"),
        (#"{"name": "x", "owner_email": "a@b.io", "id": "6f9619ff-8b86-d011-b42d-00c04fc964ff"}"#, "id"),
        (#"{"name": "x", "owner_email": "a@b.io", "created_at": "2026-01-01T00:00:00Z"}"#, "created_at"),
    ])
    func constraints(body: String, field: String) async throws {
        try await TestApp.run("tracker") { app in
            let reply = try await app.request(.post, "/v1/projects", json: body)
            #expect(reply.status == .unprocessableContent, "\(reply.text)")
            #expect(reply.errorFields == [field])
        }
    }

    @Test("task constraints: pattern, range, date, datetime, integer", arguments: [
        (#""code": "web-1""#, "code"),
        (#""priority": 9"#, "priority"),
        (#""priority": 2.5"#, "priority"),
        (#""due_on": "2026-02-30""#, "due_on"),
        (#""completed_at": "yesterday""#, "completed_at"),
        (#""billable": "yes""#, "billable"),
        (#""title": "\#(String(repeating: "x", count: 201))""#, "title"),
    ])
    func taskConstraints(member: String, field: String) async throws {
        try await TestApp.run("tracker") { app in
            let project = try await app.create("/v1/projects", #"{"name": "P", "owner_email": "a@b.io"}"#)
            let body = #"{"project_id": "\#(project["id"] as? String ?? "")", "title": "T", \#(member)}"#
            let reply = try await app.request(.post, "/v1/tasks", json: body.replacingOccurrences(of: #""title": "T", "title""#, with: #""title""#))
            #expect(reply.status == .unprocessableContent, "\(reply.text)")
            #expect(reply.errorFields == [field])
        }
    }

    @Test("a body that is JSON but not an object is a 422; an empty body is a 400")
    func nonObjectBodies() async throws {
        try await TestApp.run("tracker") { app in
            do {
                let reply = try await app.request(.post, "/v1/projects", json: "[1, 2]")
                #expect(reply.status == .unprocessableContent)
            }
            do {
                let reply = try await app.request(.post, "/v1/projects", json: "\"text\"")
                #expect(reply.status == .unprocessableContent)
            }
            do {
                let reply = try await app.request(.post, "/v1/projects", headers: [.contentType: "application/json"])
                #expect(reply.status == .badRequest)
            }
        }
    }

    @Test("read-only fields cannot be set by clients")
    func readOnly() async throws {
        try await TestApp.run("tracker") { app in
            let project = try await app.create("/v1/projects", #"{"name": "P", "owner_email": "a@b.io"}"#)
            let task = try await app.create("/v1/tasks", #"{"project_id": "\#(project["id"] as? String ?? "")", "title": "T"}"#)
            let reply = try await app.request(
                .post, "/v1/comments", json: #"{"task_id": "\#(task["id"] as? String ?? "")", "author_email": "a@b.io", "body": "x", "edit_count": 5}"#)
            #expect(reply.status == .unprocessableContent)
            #expect(reply.errorFields == ["edit_count"])
        }
    }

    @Test("a unique conflict is a 409 naming the field")
    func uniqueConflict() async throws {
        try await TestApp.run("tracker") { app in
            try await app.create("/v1/projects", #"{"name": "Same", "owner_email": "a@b.io"}"#)
            let reply = try await app.request(.post, "/v1/projects", json: #"{"name": "Same", "owner_email": "c@d.io"}"#)
            #expect(reply.status == .conflict)
            #expect(reply.object["code"] as? String == "CONFLICT")
            #expect(reply.errorFields == ["name"])
        }
    }

    @Test("a relation to a missing record is a 422 naming the relation field")
    func missingRelation() async throws {
        try await TestApp.run("tracker") { app in
            let reply = try await app.request(.post, "/v1/tasks", json: #"{"project_id": "6f9619ff-8b86-d011-b42d-00c04fc964ff", "title": "T"}"#)
            #expect(reply.status == .unprocessableContent)
            #expect(reply.errorFields == ["project_id"])
        }
    }

    @Test("unknown ids and malformed ids are 404")
    func unknownIDs() async throws {
        try await TestApp.run("tracker") { app in
            let missing = "6f9619ff-8b86-d011-b42d-00c04fc964ff"
            do {
                let reply = try await app.request(.get, "/v1/projects/\(missing)")
                #expect(reply.object["code"] as? String == "NOT_FOUND")
            }
            do {
                let reply = try await app.request(.get, "/v1/projects/not-a-uuid")
                #expect(reply.status == .notFound)
            }
            do {
                let reply = try await app.request(.patch, "/v1/projects/\(missing)", json: "{}")
                #expect(reply.status == .notFound)
            }
            do {
                let reply = try await app.request(.put, "/v1/projects/\(missing)", json: #"{"name": "x", "owner_email": "a@b.io"}"#)
                #expect(reply.status == .notFound)
            }
            do {
                let reply = try await app.request(.delete, "/v1/projects/\(missing)")
                #expect(reply.status == .notFound)
            }
        }
    }

    @Test("unknown routes are 404; known paths with another method are 405 with Allow")
    func routing() async throws {
        try await TestApp.run("tracker") { app in
            let unknown = try await app.request(.get, "/v1/nothing")
            #expect(unknown.status == .notFound)
            #expect(unknown.headers[.contentType] == "application/problem+json")
            let collection = try await app.request(.delete, "/v1/projects")
            #expect(collection.status == .methodNotAllowed)
            #expect(collection.headers[.allow] == "GET, HEAD, POST")
            let comment = try await app.request(.put, "/v1/comments/1", json: "{}")
            #expect(comment.status == .methodNotAllowed)
            #expect(comment.headers[.allow] == "GET, HEAD, PATCH, DELETE")
        }
    }

    @Test("a body over the app's limit is a 413; a non-JSON content type is a 415")
    func bodyLimits() async throws {
        try await TestApp.run("tracker") { app in
            let large = #"{"name": "\#(String(repeating: "x", count: 70_000))", "owner_email": "a@b.io"}"#
            let reply = try await app.request(.post, "/v1/projects", json: large)
            #expect(reply.status == .contentTooLarge)
            #expect(reply.object["code"] as? String == "PAYLOAD_TOO_LARGE")
            let text = try await app.request(.post, "/v1/projects", json: "name=x", headers: [.contentType: "text/plain"])
            #expect(text.status == .unsupportedMediaType)
        }
    }

    @Test("bad list parameters are a 400 naming the parameter", arguments: [
        ("limit=0", "limit"), ("limit=101", "limit"), ("limit=ten", "limit"), ("offset=-1", "offset"),
        ("colour=red", "colour"), ("status=gone", "status"), ("budget=lots", "budget"), ("limit=1&limit=2", "limit"),
    ])
    func listParameters(query: String, field: String) async throws {
        try await TestApp.run("tracker") { app in
            let reply = try await app.request(.get, "/v1/projects?\(query)")
            #expect(reply.status == .badRequest, "\(reply.text)")
            #expect(reply.errorFields == [field])
        }
    }

    @Test("X-Request-Id is echoed when valid and replaced when not")
    func requestIDs() async throws {
        try await TestApp.run("tracker") { app in
            let echoed = try await app.request(.get, "/health/live", headers: [.requestID: "abc-123"])
            #expect(echoed.headers[.requestID] == "abc-123")
            let replaced = try await app.request(.get, "/v1/nothing", headers: [.requestID: "bad id\u{7f}"])
            let id = try #require(replaced.headers[.requestID])
            #expect(id != "bad id\u{7f}" && !id.isEmpty)
            #expect(replaced.object["request_id"] as? String == id)
        }
    }

    @Test("hostile bodies never produce a 5xx", arguments: [
        "", "{", "}", "null", "[]", "{\"name\": \"\\ud800\"}", "{\"name\": \"x\", \"name\": \"y\"}",
        String(repeating: "[", count: 10_000), "{\"name\": 1e999}", "{\"owner_email\": \"'; DROP TABLE projects; --\"}",
        "{\"name\": \"\u{0}\"}", "\u{FEFF}{}", "{\"budget\": 123456789012345678901234567890}",
    ])
    func hostileBodies(body: String) async throws {
        try await TestApp.run("tracker") { app in
            for path in ["/v1/projects", "/v1/tasks", "/v1/comments"] {
                let reply = try await app.request(.post, path, json: body)
                #expect(reply.status.code >= 400 && reply.status.code < 500, "\(path) \(body.prefix(30)): \(reply.status)")
            }
            do {
                let reply = try await app.request(.get, "/v1/projects")
                #expect(reply.object["total"] as? Int == 0)
            }
        }
    }
}
