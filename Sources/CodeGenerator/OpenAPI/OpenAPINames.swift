import SchemaModel

/// Names the OpenAPI document gives to schema elements: component keys, operation ids, tags.
///
/// Component names use the same PascalCase as the generated Swift types (`tasks` -> `Tasks`),
/// so a reader can move between `/docs` and the generated code without a lookup table.
enum OpenAPINames {
    /// Tag of the built-in health, document and docs routes.
    static let systemTag = "system"
    /// Tag of custom endpoints whose first path segment is not a table.
    static let operationsTag = "operations"

    /// `project_summary` -> `ProjectSummary`.
    static func pascalCase(_ name: String) -> String {
        SwiftNames.pascalCase(name)
    }

    /// `project_summary` -> `projectSummary`, never escaped: operation ids are not Swift code.
    static func lowerCamelCase(_ name: String) -> String {
        let pascal = pascalCase(name)
        return pascal.prefix(1).lowercased() + pascal.dropFirst()
    }

    /// `list`, `tasks` -> `listTasks`.
    static func operationID(_ operation: TableOperation, table: TableSchema) -> String {
        operation.rawValue + pascalCase(table.name)
    }

    /// The record schema of a table: what every response holds.
    static func record(_ table: TableSchema) -> String { pascalCase(table.name) }
    /// The body of create and replace.
    static func create(_ table: TableSchema) -> String { pascalCase(table.name) + "Create" }
    /// The body of update (`PATCH`).
    static func update(_ table: TableSchema) -> String { pascalCase(table.name) + "Update" }
    /// The body of a list response.
    static func page(_ table: TableSchema) -> String { pascalCase(table.name) + "Page" }
    /// Schema of a record read with `fields`: its members, none required.
    static func selection(_ table: TableSchema) -> String { pascalCase(table.name) + "Selection" }
    /// The request body of a custom endpoint.
    static func request(_ endpoint: EndpointSchema) -> String { pascalCase(endpoint.name) + "Request" }
    /// The response body of a custom endpoint.
    static func response(_ endpoint: EndpointSchema) -> String { pascalCase(endpoint.name) + "Response" }

    /// Custom endpoints are grouped with the table their path starts with, so `/projects/{id}/summary`
    /// sits next to the `projects` CRUD routes in `/docs`.
    static func tag(for endpoint: EndpointSchema, tableNames: Set<String>) -> String {
        let firstSegment = endpoint.path.split(separator: "/").first.map(String.init) ?? ""
        return tableNames.contains(firstSegment) ? firstSegment : operationsTag
    }
}
