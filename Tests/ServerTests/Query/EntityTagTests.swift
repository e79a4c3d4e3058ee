import Foundation
import HTTPTypes
import Testing

@testable import Server

/// `ETag`, `If-None-Match` (304) and `If-Match` (412) on single-record routes.
@Suite("Records: ETag")
struct EntityTagTests {
    @Test("GET has an ETag; a matching If-None-Match is a 304; a write changes the tag")
    func conditionalGet() async throws {
        try await TestApp.run("tracker") { app in
            let created = try await app.request(.post, "/v1/projects", json: #"{"name": "A", "owner_email": "a@b.io"}"#)
            let id = try #require(created.object["id"] as? String)
            let tag = try #require(created.headers[.eTag])
            #expect(tag.hasPrefix("\"") && tag.count == 18)
            let read = try await app.request(.get, "/v1/projects/\(id)")
            #expect(read.headers[.eTag] == tag)
            let notModified = try await app.request(.get, "/v1/projects/\(id)", headers: [.ifNoneMatch: "\"x\", W/\(tag)"])
            #expect(notModified.status == .notModified)
            #expect(notModified.bytes.isEmpty)
            let other = try await app.request(.get, "/v1/projects/\(id)", headers: [.ifNoneMatch: "\"0000000000000000\""])
            #expect(other.status == .ok)
            let patched = try await app.request(.patch, "/v1/projects/\(id)", json: #"{"name": "B"}"#)
            #expect(patched.headers[.eTag] != nil && patched.headers[.eTag] != tag)
            let afterChange = try await app.request(.get, "/v1/projects/\(id)", headers: [.ifNoneMatch: tag])
            #expect(afterChange.status == .ok)
        }
    }

    @Test("a percent-encoded tag (as swift-openapi-runtime sends header values) matches like the tag it encodes")
    func percentEncodedTags() async throws {
        try await TestApp.run("tracker") { app in
            let created = try await app.request(.post, "/v1/projects", json: #"{"name": "A", "owner_email": "a@b.io"}"#)
            let id = try #require(created.object["id"] as? String)
            let tag = try #require(created.headers[.eTag])
            let encoded = tag.replacingOccurrences(of: "\"", with: "%22")
            let notModified = try await app.request(.get, "/v1/projects/\(id)", headers: [.ifNoneMatch: encoded])
            #expect(notModified.status == .notModified)
            let weak = try await app.request(.get, "/v1/projects/\(id)", headers: [.ifNoneMatch: "W/\(encoded)"])
            #expect(weak.status == .notModified)
            let any = try await app.request(.get, "/v1/projects/\(id)", headers: [.ifNoneMatch: "%2A"])
            #expect(any.status == .notModified)
            let stale = "%220000000000000000%22"
            let refused = try await app.request(.patch, "/v1/projects/\(id)", json: #"{"name": "B"}"#, headers: [.ifMatch: stale])
            #expect(refused.status == .preconditionFailed)
            let matched = try await app.request(.patch, "/v1/projects/\(id)", json: #"{"name": "B"}"#, headers: [.ifMatch: encoded])
            #expect(matched.status == .ok, "\(matched.text)")
        }
    }

    @Test("PUT, PATCH and DELETE with a stale If-Match are 412 and change nothing; a current one succeeds")
    func conditionalWrites() async throws {
        try await TestApp.run("tracker") { app in
            let created = try await app.request(.post, "/v1/projects", json: #"{"name": "A", "owner_email": "a@b.io"}"#)
            let id = try #require(created.object["id"] as? String)
            let stale = try #require(created.headers[.eTag])
            let first = try await app.request(.patch, "/v1/projects/\(id)", json: #"{"name": "B"}"#, headers: [.ifMatch: stale])
            #expect(first.status == .ok)
            let current = try #require(first.headers[.eTag])
            let put = try await app.request(.put, "/v1/projects/\(id)", json: #"{"name": "C", "owner_email": "a@b.io"}"#, headers: [.ifMatch: stale])
            #expect(put.status == .preconditionFailed)
            #expect(put.text.contains("PRECONDITION_FAILED"))
            let patch = try await app.request(.patch, "/v1/projects/\(id)", json: #"{"name": "C"}"#, headers: [.ifMatch: stale])
            #expect(patch.status == .preconditionFailed)
            let weak = try await app.request(.patch, "/v1/projects/\(id)", json: #"{"name": "C"}"#, headers: [.ifMatch: "W/\(current)"])
            #expect(weak.status == .preconditionFailed)
            let delete = try await app.request(.delete, "/v1/projects/\(id)", headers: [.ifMatch: stale])
            #expect(delete.status == .preconditionFailed)
            let unchanged = try await app.request(.get, "/v1/projects/\(id)")
            #expect(unchanged.object["name"] as? String == "B")
            let deleted = try await app.request(.delete, "/v1/projects/\(id)", headers: [.ifMatch: current])
            #expect(deleted.status == .noContent)
            let missing = try await app.request(.patch, "/v1/projects/\(id)", json: #"{"name": "C"}"#, headers: [.ifMatch: "*"])
            #expect(missing.status == .notFound)
        }
    }
}
