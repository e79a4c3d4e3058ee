import Foundation
import Generated
import Runtime

/// The Tracker app's custom endpoints.
struct TrackerHandlersImplementation: TrackerHandlers {
    /// Task counts by status and overdue open tasks, read from one snapshot.
    func projectSummary(
        _ input: Tracker.Operations.ProjectSummary.Input, context: HandlerContext
    ) async throws -> Tracker.Operations.ProjectSummary.Output {
        let database = context.database
        let dialect = database.dialect
        let asOf = input.asOf ?? CalendarDay.today()
        var countPlaceholders = PlaceholderSequence(dialect: dialect)
        var overduePlaceholders = PlaceholderSequence(dialect: dialect)
        let counts = SQLStatement(
            #"SELECT "status", COUNT(*) FROM "tasks" WHERE "project_id" = "# + countPlaceholders.next() + #" GROUP BY "status""#,
            [.uuid(input.id)])
        let overdue = SQLStatement(
            #"SELECT "id", "title", "due_on" FROM "tasks" WHERE "project_id" = "# + overduePlaceholders.next()
                + #" AND "status" <> 'done' AND "due_on" < "# + overduePlaceholders.next() + #" ORDER BY "due_on", "id""#,
            [.uuid(input.id), .date(asOf)])
        // Projects are organization-scoped: another organization's project is a 404 (its tasks
        // always share its organization, so the counts of a refused project are never answered).
        let projects = Tracker.Projects.descriptor
        let selectByID = projects.statements.selectByID.text(for: dialect)
        let tenant = try projects.access?.callerBinds(context.identity, table: projects.name) ?? []
        let project = SQLStatement(
            projects.access?.scoped(selectByID, existingBinds: 1, dialect: dialect) ?? selectByID, [.uuid(input.id)] + tenant)
        let results = try await database.fetchSnapshot([project, counts, overdue])
        guard let projectRow = results[0].first else {
            throw APIError.recordNotFound(table: "projects", id: input.id.uuidString.lowercased())
        }
        let record = try Tracker.Projects.Record(row: projectRow)
        var byStatus: [String: Int64] = [:]
        for row in results[1] {
            var reader = RowReader(row)
            byStatus[try reader.string()] = try reader.integer()
        }
        let overdueTasks = try results[2].map { row in
            var reader = RowReader(row)
            return Tracker.Operations.ProjectSummary.OutputOverdueItems(
                taskId: try reader.uuid(), title: try reader.string(), dueOn: try reader.string())
        }
        return Tracker.Operations.ProjectSummary.Output(
            projectId: record.id,
            name: record.name,
            taskCount: byStatus.values.reduce(0, +),
            byStatus: .init(todo: byStatus["todo"] ?? 0, inProgress: byStatus["in_progress"] ?? 0, done: byStatus["done"] ?? 0),
            overdue: overdueTasks)
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
