import Foundation
import HTTPTypes
import Runtime
import Testing

@testable import Server

/// A write hook that records every change as a row of `hook_log`, in the change's transaction,
/// and refuses (throws) changes whose record holds `refusing` in its JSON.
struct LogHook: WriteHook {
    /// Text that makes the hook throw a 422 for the change.
    var refusing = "refuse-me"
    /// Whether to ask for the record before updates.
    var needsPreviousRecord = false

    /// Creates `hook_log` on the suite's engine.
    static func createTable(_ database: any DatabaseClient) async throws {
        _ = try await database.write([SQLStatement(
            #"CREATE TABLE "hook_log" ("table_name" TEXT NOT NULL, "operation" TEXT NOT NULL, "record_key" TEXT NOT NULL, "changed" TEXT NOT NULL, "body" TEXT NOT NULL)"#)])
    }

    /// Every logged change as `table operation key`, in insertion order.
    static func entries(_ database: any DatabaseClient) async throws -> [[String]] {
        try await database.fetch(SQLStatement(#"SELECT "table_name", "operation", "record_key", "changed", "body" FROM "hook_log""#)).map { row in
            var reader = RowReader(row)
            return try (0..<5).map { _ in try reader.string() }
        }
    }

    func statements(for change: RecordChange, dialect: SQLDialect) throws -> [SQLStatement] {
        let body = String(decoding: change.after?.json ?? change.before?.json ?? [], as: UTF8.self)
        if body.contains(refusing) {
            throw APIError.validation([.init(field: "hook", message: "refused by the write hook")])
        }
        var placeholders = PlaceholderSequence(dialect: dialect)
        let values = (0..<5).map { _ in placeholders.next() }.joined(separator: ", ")
        return [SQLStatement(
            #"INSERT INTO "hook_log" ("table_name", "operation", "record_key", "changed", "body") VALUES ("# + values + ")",
            [.text(change.table.name), .text(change.operation.rawValue), .text(change.key),
             .text(change.changedMembers.joined(separator: ",")), .text(body)])]
    }
}

/// A hook whose statement always fails (its table does not exist): the write must fail with it.
struct BrokenHook: WriteHook {
    func statements(for change: RecordChange, dialect: SQLDialect) throws -> [SQLStatement] {
        [SQLStatement(#"INSERT INTO "no_such_table" ("x") VALUES (1)"#)]
    }
}

/// Write hooks run in the transaction of every write path: their rows commit with the change,
/// and a failing hook rolls the change back (single writes, batches, upserts, custom handlers).
@Suite("Write hooks")
struct WriteHookTests {
    static let project = #"{"name": "Hooks", "owner_email": "ann@example.com"}"#

    @Test("every write path commits its hook row with the change, in order")
    func committedWithChange() async throws {
        try await TestApp.run("tracker", hooks: [LogHook()]) { app in
            let database = try #require(app.database)
            try await LogHook.createTable(database)
            let project = try await app.create("/v1/projects", Self.project)
            let id = try #require(project["id"] as? String)
            try await app.request(.patch, "/v1/projects/\(id)", json: #"{"status": "paused"}"#)
            try await app.request(.put, "/v1/projects/\(id)", json: #"{"name": "Hooks 2", "owner_email": "ann@example.com"}"#)
            let task = try await app.create("/v1/tasks", #"{"project_id": "\#(id)", "title": "t", "code": "HK-1"}"#)
            let taskID = try #require(task["id"] as? String)
            let upserted = try await app.request(.post, "/v1/tasks/upsert", json: #"{"project_id": "\#(id)", "title": "t2", "code": "HK-1"}"#)
            #expect(upserted.status == .ok)
            let comment = try await app.create("/v1/comments", #"{"task_id": "\#(taskID)", "author_email": "a@b.io", "body": "c"}"#)
            let commentPath = "/v1/comments/\(comment["id"] as? Int ?? 0)"
            #expect(try await app.request(.delete, commentPath).status == .noContent)
            #expect(try await app.request(.post, commentPath + "/restore").status == .ok)
            let batch = try await app.request(.post, "/v1/projects/batch", json: #"{"operations": [{"action": "create", "data": {"name": "B", "owner_email": "b@example.com"}}, {"action": "update", "id": "\#(id)", "data": {"status": "archived"}}]}"#)
            #expect(batch.status == .ok, "\(batch.text)")
            #expect(try await app.request(.delete, "/v1/tasks/\(taskID)").status == .noContent)
            let entries = try await LogHook.entries(database).map { "\($0[0]) \($0[1])" }
            #expect(entries == [
                "projects created", "projects updated", "projects updated", "tasks created", "tasks updated",
                "comments created", "comments deleted", "comments restored", "projects created", "projects updated",
                // Deleting the task cascades to its comment in the database, which no hook sees.
                "tasks deleted",
            ])
            let deleted = try await LogHook.entries(database).last
            #expect(deleted?[2] == taskID)
            let deletedBody = deleted?[4] ?? ""
            #expect(deletedBody.contains(#""title":"t2""#), "a hard delete describes the deleted record")
        }
    }

    @Test("a hook that throws or whose statement fails rolls the write back, single and batch")
    func failingHookRollsBack() async throws {
        try await TestApp.run("tracker", hooks: [LogHook()]) { app in
            let database = try #require(app.database)
            try await LogHook.createTable(database)
            let refused = try await app.request(.post, "/v1/projects", json: #"{"name": "refuse-me", "owner_email": "r@example.com"}"#)
            #expect(refused.status == .unprocessableContent)
            #expect(refused.errorFields == ["hook"])
            let batch = try await app.request(.post, "/v1/projects/batch", json: #"{"operations": [{"action": "create", "data": {"name": "fine", "owner_email": "f@example.com"}}, {"action": "create", "data": {"name": "refuse-me", "owner_email": "r@example.com"}}]}"#)
            #expect(batch.status == .unprocessableContent)
            let project = try await app.create("/v1/projects", Self.project)
            let id = try #require(project["id"] as? String)
            #expect(try await app.request(.patch, "/v1/projects/\(id)", json: #"{"name": "refuse-me", "owner_email": "r@example.com"}"#).status == .unprocessableContent)
            let list = try await app.request(.get, "/v1/projects")
            #expect(list.items.map { $0["name"] as? String } == ["Hooks"], "nothing of a refused write is stored")
            #expect(try await LogHook.entries(database).map { $0[1] } == ["created"], "and no hook row either")
        }
        try await TestApp.run("tracker", hooks: [BrokenHook()]) { app in
            let failed = try await app.request(.post, "/v1/projects", json: Self.project)
            #expect(failed.status == .internalServerError)
            let batch = try await app.request(.post, "/v1/projects/batch", json: #"{"operations": [{"action": "create", "data": {"name": "a", "owner_email": "a@example.com"}}]}"#)
            #expect(batch.status == .internalServerError)
            #expect(try await app.request(.get, "/v1/projects").items.isEmpty, "the hook's failure undid the writes")
        }
    }

    @Test("a hook that asks for the previous record sees the changed members of an update")
    func previousRecord() async throws {
        try await TestApp.run("tracker", hooks: [LogHook(needsPreviousRecord: true)]) { app in
            let database = try #require(app.database)
            try await LogHook.createTable(database)
            let project = try await app.create("/v1/projects", Self.project)
            let id = try #require(project["id"] as? String)
            try await app.request(.patch, "/v1/projects/\(id)", json: #"{"status": "paused"}"#)
            let update = try #require(try await LogHook.entries(database).last)
            #expect(update[1] == "updated")
            #expect(update[3] == "status,updated_at")
        }
    }

    @Test("custom handlers write through typed stores: their changes pass the hooks, and a record with its credential commits as one")
    func typedStores() async throws {
        try await TestApp.run("eventflow", hooks: [LogHook(refusing: "refused-producer")]) { app in
            let database = try #require(app.database)
            try await LogHook.createTable(database)
            let admin = try await app.eventflowUser()
            let producer = try await app.registerProducer("billing", as: admin)
            let producerID = try #require(producer["producer_id"] as? String)
            let event = try await app.request(
                .post, "/api/v1/events", json: #"{"producer_id": "\#(producerID)", "event_type": "order.created", "payload": {"a": 1}}"#,
                headers: admin.headers)
            #expect(event.status == .accepted || event.status == .created, "\(event.text)")
            #expect(try await LogHook.entries(database).map { "\($0[0]) \($0[1])" } == ["producers created", "events created"])

            // The name is taken: neither the record nor its key is written.
            let taken = try await app.request(.post, "/api/v1/producers", json: #"{"name": "billing"}"#, headers: admin.headers)
            #expect(taken.status == .conflict)
            #expect(taken.errorFields == ["name"])
            // A hook refusing the record rolls back the key issued with it.
            let refused = try await app.request(.post, "/api/v1/producers", json: #"{"name": "refused-producer"}"#, headers: admin.headers)
            #expect(refused.status == .unprocessableContent)
            let keys = try await app.request(.get, TestApp.eventflowAuth + "/api-keys", headers: admin.headers)
            let names = keys.items.compactMap { $0["name"] as? String }
            #expect(names == ["EventFlow producer billing"], "only the registered producer has a key: \(names)")
        }
    }
}
