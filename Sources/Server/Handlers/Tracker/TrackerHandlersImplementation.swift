import Foundation
import Generated
import Runtime
import ValueFormats

/// The Tracker app's custom endpoints.
struct TrackerHandlersImplementation: TrackerHandlers {
    private typealias Tasks = Tracker.Tasks.Columns

    /// A new project named `input.body.name` with the copied project's summary, owner, homepage,
    /// status and budget, written through the typed store (so the app's idempotency key, when
    /// sent, is marked in the write's transaction and a retry never makes a second copy), and the
    /// `project.copied` event in the same transaction: a copy that commits always has its event,
    /// one that fails (a duplicate name: 409) never has.
    func copyProject(
        _ input: Tracker.Operations.CopyProject.Input, context: HandlerContext
    ) async throws -> Tracker.Operations.CopyProject.Output {
        let projects = try context.store(Tracker.Projects.Record.self)
        guard let source = try await projects.read(projects.record(input.id)) else {
            throw APIError.recordNotFound(table: "projects", id: ValueFormats.lowercaseText(of: input.id))
        }
        let id = UUID()
        let copied = try context.emit(Tracker.Events.ProjectCopied(sourceProjectId: source.id, projectId: id, name: input.body.name))
        let copy = try await projects.create(
            .init(
                name: input.body.name, summary: source.summary, ownerEmail: source.ownerEmail, homepage: source.homepage,
                status: source.status, budget: source.budget),
            key: id, alongside: copied)
        return Tracker.Operations.CopyProject.Output(projectId: copy.id, name: copy.name)
    }

    /// Task counts by status and overdue open tasks, read from one snapshot through the typed
    /// stores, so the caller's tenant conditions apply to every read: another organization's
    /// project is a 404, and its tasks are never counted.
    func projectSummary(
        _ input: Tracker.Operations.ProjectSummary.Input, context: HandlerContext
    ) async throws -> Tracker.Operations.ProjectSummary.Output {
        let projects = try context.store(Tracker.Projects.Record.self)
        let tasks = try context.store(Tracker.Tasks.Record.self)
        let asOf = input.asOf ?? CalendarDay.today()
        let ofProject = Tasks.projectId == input.id
        let (project, byStatus, overdue) = try await context.snapshot(
            projects.record(input.id),
            tasks.counts(by: Tasks.status, where: ofProject),
            tasks.records(where: ofProject && Tasks.status != "done" && Tasks.dueOn < asOf, orderBy: [Tasks.dueOn.ascending]))
        guard let project else {
            throw APIError.recordNotFound(table: "projects", id: ValueFormats.lowercaseText(of: input.id))
        }
        return Tracker.Operations.ProjectSummary.Output(
            projectId: project.id,
            name: project.name,
            taskCount: Int64(byStatus.values.reduce(0, +)),
            byStatus: .init(
                todo: Int64(byStatus["todo"] ?? 0), inProgress: Int64(byStatus["in_progress"] ?? 0), done: Int64(byStatus["done"] ?? 0)),
            overdue: overdue.compactMap { task in
                // The filter keeps only tasks with a due date.
                task.dueOn.map { .init(taskId: task.id, title: task.title, dueOn: $0) }
            })
    }
}

/// Calendar days in UTC.
enum CalendarDay {
    /// Today as `YYYY-MM-DD` in UTC.
    static func today(now: Date = Date()) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: now)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }
}
