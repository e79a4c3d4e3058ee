import Foundation
import Testing

@testable import CodeGenerator

/// `webhooks.events.<type>.target` in: the settings' `target`, and the `webhooks` object
/// documenting the flat body, the target's header and its retries.
@Suite("Snippets: per-record webhook targets")
struct EventTargetSnippetTests {
    let files: [String: String]

    init() throws {
        let app = #"""
            {"name": "mini", "title": "Mini", "version": "1.0.0", "description": "A small app.",
             "webhooks": {"events": {
               "note.rendered": {"description": "A note was rendered.",
                 "payload": {"description": "The rendering.", "fields": {
                   "note_id": {"type": "uuid", "description": "The note.", "required": true},
                   "pages": {"type": "integer", "description": "Its length."}}},
                 "target": {"signature": {"scheme": "hmac-sha256", "header": "X-Signature"}, "retrySchedule": [1, 5, 30], "body": "flat"}}}}}
            """#
        files = try Fixtures.generate(["app.json": app, "tables/notes.json": Fixtures.notesTable, "tables/owners.json": Fixtures.ownersTable])
    }

    @Test("the settings carry the target: signature, schedule, jitter, body")
    func settings() {
        let app = files["Generated/Mini/Mini.swift"] ?? ""
        #expect(app.contains(#"signature: .hmacSHA256(header: "X-Signature"), retrySchedule: [1, 5, 30],"#), "\(app)")
        #expect(app.contains("jitterPercent: 0, body: .flat"))
    }

    @Test("the webhooks object documents the flat body (event first, the fields, timestamp) and the target's header")
    func document() throws {
        let document = try #require(try JSONSerialization.jsonObject(with: Data((files["Generated/Mini/openapi.json"] ?? "").utf8)) as? [String: Any])
        let post = try #require(((document["webhooks"] as? [String: Any])?["note.rendered"] as? [String: Any])?["post"] as? [String: Any])
        let content = ((post["requestBody"] as? [String: Any])?["content"] as? [String: Any])?["application/json"] as? [String: Any]
        let schema = try #require(content?["schema"] as? [String: Any])
        #expect(Set((schema["properties"] as? [String: Any])?.keys.map { $0 } ?? []) == ["event", "note_id", "pages", "timestamp"])
        #expect(schema["required"] as? [String] == ["event", "note_id", "timestamp"])
        let headers = (post["parameters"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
        #expect(headers == ["X-Signature"])
        #expect((post["description"] as? String)?.contains("retried after 1 s, 5 s, 30 s") == true)
    }
}
