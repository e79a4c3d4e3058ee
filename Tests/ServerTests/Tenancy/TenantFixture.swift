import Foundation
import Testing

@testable import Server

/// Two organizations' worth of tracker records: a project, a task (with a code and a
/// searchable title) and a comment each, created through the API by their own callers.
struct TenantFixture: Sendable {
    /// Organization A's caller (every scope).
    static let callerA = TestCaller.organization("org-a", scopes: ["*"], user: "user-a")
    /// Organization B's caller (every scope).
    static let callerB = TestCaller.organization("org-b", scopes: ["*"], user: "user-b")

    let a: TestApp
    let b: TestApp
    let projectA: String
    let taskA: String
    let commentA: Int
    let projectB: String
    let taskB: String

    /// Creates the records of both organizations.
    static func make(_ app: TestApp) async throws -> TenantFixture {
        let a = app.as(callerA), b = app.as(callerB)
        let projectA = try await a.create("/v1/projects", #"{"name": "Alpha site", "owner_email": "a@a.io"}"#)["id"] as? String ?? ""
        let taskA = try await a.create(
            "/v1/tasks", #"{"project_id": "\#(projectA)", "title": "secret launch plan", "code": "AAA-1"}"#)["id"] as? String ?? ""
        let commentA = try await a.create(
            "/v1/comments", #"{"task_id": "\#(taskA)", "author_email": "a@a.io", "body": "alpha only"}"#)["id"] as? Int ?? 0
        let projectB = try await b.create("/v1/projects", #"{"name": "Beta site", "owner_email": "b@b.io"}"#)["id"] as? String ?? ""
        let taskB = try await b.create("/v1/tasks", #"{"project_id": "\#(projectB)", "title": "beta work"}"#)["id"] as? String ?? ""
        return TenantFixture(a: a, b: b, projectA: projectA, taskA: taskA, commentA: commentA, projectB: projectB, taskB: taskB)
    }

    /// Expects organization A's project, task and comment to be unchanged and still there.
    func expectAUntouched(sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let project = try await a.request(.get, "/v1/projects/\(projectA)")
        #expect(project.status == .ok && project.object["name"] as? String == "Alpha site", "\(project.text)", sourceLocation: sourceLocation)
        let task = try await a.request(.get, "/v1/tasks/\(taskA)")
        #expect(task.status == .ok && task.object["title"] as? String == "secret launch plan", "\(task.text)", sourceLocation: sourceLocation)
        let comment = try await a.request(.get, "/v1/comments/\(commentA)")
        #expect(comment.status == .ok && comment.object["body"] as? String == "alpha only", "\(comment.text)", sourceLocation: sourceLocation)
    }
}
