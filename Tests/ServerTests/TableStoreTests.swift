import Foundation
import Generated
import Logging
import Runtime
import Testing

@testable import Server

/// `TableStore`, the typed API custom handlers use: tenancy, validation, compare-and-swap and
/// constraint answers, exactly as the table's routes apply them, on the suite's engine.
@Suite("Typed table stores")
struct TableStoreTests {
    typealias Projects = Tracker.Projects
    typealias Column = Tracker.Projects.Columns

    /// A handler context of a user of `organization` holding every scope.
    static func context(_ database: any DatabaseClient, organization: String?) -> HandlerContext {
        HandlerContext(
            database: database, requestID: "test",
            identity: Identity(subject: "u1", kind: "user", scopes: ["*"], userID: "u1", organizationID: organization),
            logger: Logger(label: "store"))
    }

    @Test("reads and writes see only the caller's tenant; a caller without one is 403")
    func tenancy() async throws {
        try await TestDatabase.withMigratedApp("tracker") { database, _ in
            let ours = try Self.context(database.client, organization: "org-a").store(Projects.Record.self)
            let theirs = try Self.context(database.client, organization: "org-b").store(Projects.Record.self)
            let project = try await ours.create(.init(name: "Relaunch", ownerEmail: "ann@example.com", budget: .some(10)))
            #expect(project.status == "active", "an absent field takes its default")
            #expect(try await ours.find(project.id)?.name == "Relaunch")
            #expect(try await theirs.find(project.id) == nil)
            #expect(try await theirs.read(theirs.count()) == 0)
            #expect(try await theirs.update(project.id, .init(name: "Taken over")) == nil)
            #expect(try await theirs.delete(project.id) == false)
            let same = try await theirs.create(.init(name: "Relaunch", ownerEmail: "bob@example.com"))
            #expect(same.name == "Relaunch", "names are unique per tenant")
            #expect(throws: APIError.self) { try Self.context(database.client, organization: nil).store(Projects.Record.self) }
        }
    }

    @Test("filters, order, limits and grouped counts; values always bind")
    func queries() async throws {
        try await TestDatabase.withMigratedApp("tracker") { database, _ in
            let store = try Self.context(database.client, organization: "org-a").store(Projects.Record.self)
            for (name, status, budget) in [("a", "active", 5.0), ("b", "paused", 50.0), ("c", "active", 500.0), ("d'; --", "archived", 0.0)] {
                _ = try await store.create(.init(name: name, ownerEmail: "x@example.com", status: status, budget: .some(budget)))
            }
            let cheapActive = try await store.read(store.records(where: Column.status == "active" && Column.budget < 100))
            #expect(cheapActive.map(\.name) == ["a"])
            let ordered = try await store.read(store.records(where: Column.status.isIn(["active", "paused"]), orderBy: [Column.budget.descending], limit: 2))
            #expect(ordered.map(\.name) == ["c", "b"])
            #expect(try await store.read(store.records(where: Column.name == "d'; --")).count == 1)
            #expect(try await store.read(store.records(where: Column.summary.isNull)).count == 4)
            #expect(try await store.read(store.records(where: Column.status.isIn([]))).isEmpty)
            #expect(try await store.read(store.counts(by: Column.status)) == ["active": 2, "paused": 1, "archived": 1])
        }
    }

    @Test("writes are validated by the field rules and constraint failures name the field")
    func validation() async throws {
        try await TestDatabase.withMigratedApp("tracker") { database, _ in
            let store = try Self.context(database.client, organization: "org-a").store(Projects.Record.self)
            do {
                _ = try await store.create(.init(name: "", ownerEmail: "not an email"))
                Issue.record("an invalid record was created")
            } catch let error as APIError {
                #expect(error.status == .unprocessableContent)
                #expect(Set(error.fieldErrors.map(\.field)) == ["name", "owner_email"])
            }
            _ = try await store.create(.init(name: "one", ownerEmail: "a@example.com"))
            do {
                _ = try await store.create(.init(name: "one", ownerEmail: "b@example.com"))
                Issue.record("a duplicate name was accepted")
            } catch let error as APIError {
                #expect(error.status == .conflict && error.fieldErrors.map(\.field) == ["name"])
            }
        }
    }

    @Test("an update with ifUnchanged writes only while the record is exactly as read")
    func compareAndSwap() async throws {
        try await TestDatabase.withMigratedApp("tracker") { database, _ in
            let store = try Self.context(database.client, organization: "org-a").store(Projects.Record.self)
            let read = try await store.create(.init(name: "cas", ownerEmail: "a@example.com", budget: 7))
            let first = try await store.update(read.id, .init(status: "paused"), ifUnchanged: read)
            #expect(first?.status == "paused")
            #expect(try await store.update(read.id, .init(status: "archived"), ifUnchanged: read) == nil, "stale: the record moved on")
            let cleared = try await store.update(read.id, .init(budget: .some(nil)), ifUnchanged: first)
            #expect(cleared != nil && cleared?.budget == nil, "a double optional sets null")
        }
    }

    @Test("an update's alongside statements commit with a matched update only: a stale or missing record rolls them back")
    func alongsideFollowsTheUpdate() async throws {
        try await TestDatabase.withMigratedApp("tracker") { database, _ in
            let store = try Self.context(database.client, organization: "org-a").store(Projects.Record.self)
            let read = try await store.create(.init(name: "along", ownerEmail: "a@example.com"))
            func marker(_ name: String) -> WritePlan {
                var placeholders = PlaceholderSequence(dialect: database.client.dialect)
                return WritePlan([SQLStatement(
                    "UPDATE projects SET summary = \(placeholders.next()) WHERE name = \(placeholders.next())", [.text(name), .text("marker")])])
            }
            let other = try await store.create(.init(name: "marker", ownerEmail: "m@example.com"))
            let moved = try #require(try await store.update(read.id, .init(status: "paused"), ifUnchanged: read, alongside: marker("first")))
            #expect(try await store.find(other.id)?.summary == "first", "a matched update commits its alongside")
            #expect(try await store.update(read.id, .init(status: "archived"), ifUnchanged: read, alongside: marker("stale")) == nil)
            #expect(try await store.update(UUID(), .init(status: "archived"), alongside: marker("missing")) == nil)
            #expect(try await store.find(other.id)?.summary == "first", "a stale or missing record wrote nothing alongside")
            #expect(try await store.find(read.id)?.status == moved.status)
        }
    }
}
