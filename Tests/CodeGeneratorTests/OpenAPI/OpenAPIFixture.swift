import Foundation
import SchemaModel

@testable import CodeGenerator

/// A small app covering every field type, a relation, an enum, nullable and read-only fields,
/// and custom endpoints with path, query and body inputs.
enum OpenAPIFixture {
    /// `projects`: a plain uuid-keyed table the tasks relate to.
    static let projects = TableSchema(
        file: "Schemas/demo/tables/projects.json", name: "projects", description: "Projects that group tasks.",
        fields: [FieldSchema(name: "name", type: .string, description: "Project name", required: true, unique: true, maxLength: 80)])

    /// `tasks`: integer key named `task_id`, one field of every table type.
    static let tasks = TableSchema(
        file: "Schemas/demo/tables/tasks.json", name: "tasks", description: "Work items.",
        primaryKey: PrimaryKeySchema(name: "task_id", type: .integer),
        fields: [
            FieldSchema(name: "title", type: .string, description: "Short title", required: true, minLength: 1, maxLength: 200, pattern: "^\\S.*$"),
            FieldSchema(name: "notes", type: .text, description: "Free text", nullable: true),
            FieldSchema(name: "priority", type: .integer, description: "1 is highest", defaultValue: .integer(3), minimum: 1, maximum: 5),
            FieldSchema(name: "estimate", type: .number, description: "Hours", minimum: 0, example: .number(1.5)),
            FieldSchema(name: "done", type: .boolean, description: "Finished", defaultValue: .bool(false)),
            FieldSchema(name: "due", type: .date, description: "Due date"),
            FieldSchema(name: "completed_at", type: .datetime, description: "Completion time", nullable: true),
            FieldSchema(name: "external_ref", type: .uuid, description: "Id in the old system"),
            FieldSchema(name: "owner_email", type: .email, description: "Owner"),
            FieldSchema(name: "link", type: .url, description: "Ticket URL"),
            FieldSchema(name: "status", type: .enum, description: "Workflow state", nullable: true, defaultValue: .string("open"), values: ["open", "closed"]),
            FieldSchema(name: "metadata", type: .json, description: "Anything", nullable: true),
            FieldSchema(name: "project_id", type: .relation, description: "Owning project", nullable: true, table: "projects", onDelete: .setNull),
            FieldSchema(name: "secret_code", type: .string, description: "Server-assigned code", readOnly: true, defaultValue: .string("none")),
        ])

    /// `POST /projects/{id}/summary` with a path parameter, query parameters and a body.
    static let summary = EndpointSchema(
        file: "Schemas/demo/endpoints/project_summary.json", name: "project_summary", method: .POST,
        path: "/projects/{id}/summary", summary: "Summarize a project", description: "Counts the project's tasks.",
        pathParameters: [FieldSchema(name: "id", type: .uuid, description: "Project id", required: true)],
        queryParameters: [
            FieldSchema(name: "include_done", type: .boolean, description: "Count finished tasks", defaultValue: .bool(false)),
            FieldSchema(name: "since", type: .date, description: "Earliest due date", required: true),
        ],
        requestBody: BodySchema(description: "Summary options", fields: [
            FieldSchema(name: "note", type: .string, description: "Caller note", required: true),
            FieldSchema(name: "labels", type: .array, description: "Labels", minLength: 1, maxLength: 5,
                        items: FieldSchema(name: "label", type: .string, description: "One label")),
            FieldSchema(name: "window", type: .object, description: "Time window", fields: [
                FieldSchema(name: "from", type: .date, description: "Start", required: true),
                FieldSchema(name: "to", type: .date, description: "End"),
            ]),
            FieldSchema(name: "options", type: .json, description: "Free-form options"),
        ]),
        response: ResponseSchema(status: 200, description: "The summary", fields: [
            FieldSchema(name: "total", type: .integer, description: "All tasks", required: true),
            FieldSchema(name: "open", type: .integer, description: "Open tasks"),
        ]))

    /// `DELETE /maintenance/purge`: no inputs, 204, not under a table's path.
    static let purge = EndpointSchema(
        file: "Schemas/demo/endpoints/purge.json", name: "purge", method: .DELETE, path: "/maintenance/purge",
        description: "Deletes finished tasks.", response: ResponseSchema(status: 204, description: "Purged"))

    /// The whole app in the given error format.
    static func app(errorFormat: ErrorFormat = .problem, tables: [TableSchema]? = nil, endpoints: [EndpointSchema]? = nil) -> AppSchema {
        AppSchema(
            config: AppConfig(
                file: "Schemas/demo/app.json", name: "demo", title: "Demo API", version: "1.2.0",
                description: "A demo.", basePath: "/v1", errorFormat: errorFormat,
                limits: LimitsSchema(defaultPageSize: 25, maxPageSize: 50)),
            tables: tables ?? [projects, tasks],
            endpoints: endpoints ?? [summary, purge])
    }

    /// The built document, parsed back into Foundation values.
    static func json(_ app: AppSchema = app()) throws -> [String: Any] {
        let text = try OpenAPIBuilder.document(for: app)
        guard let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] else {
            throw CocoaError(.propertyListReadCorrupt)
        }
        return object
    }
}

/// Walks parsed JSON by keys (object members) and integers (array elements).
func openAPIValue(_ root: Any, _ path: Any...) -> Any? {
    var current: Any? = root
    for step in path {
        if let key = step as? String {
            current = (current as? [String: Any])?[key]
        } else if let index = step as? Int, let array = current as? [Any], array.indices.contains(index) {
            current = array[index]
        } else {
            return nil
        }
    }
    return current
}
