import SchemaModel

/// Names the OpenAPI document gives to schema elements: component keys, operation ids, tags.
///
/// Names of one record are singular (`Task`, `getTask`), taken from the table's `singularName`
/// (declared `singular`, or the default `SingularName` derives); the names of lists and batches
/// keep the table name (`listTasks`). Each name is computed here once, and the routes and the
/// components that refer to one another call the same function.
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

    /// The operation id of a table route: `listTasks` and `batchTasks` act on many records and
    /// take the table name; the others act on one and take its singular (`getTask`,
    /// `createTask`, `upsertTask`, `restoreTask`).
    static func operationID(_ route: TableRouteKey, table: TableSchema) -> String {
        switch route {
        case .list, .batch: return route.rawValue + pascalCase(table.name)
        case .get, .create, .replace, .update, .delete, .upsert, .restore: return route.rawValue + singular(table)
        }
    }

    /// The operation id of a CRUD route (the route key of the same name).
    static func operationID(_ operation: TableOperation, table: TableSchema) -> String {
        operationID(TableRouteKey(operation), table: table)
    }

    /// `point_transactions` -> `PointTransaction`: the table's `singularName` in PascalCase, the
    /// stem of every component describing its records.
    static func singular(_ table: TableSchema) -> String { pascalCase(table.singularName) }

    /// The record schema of a table: what every response holds (`Task`).
    static func record(_ table: TableSchema) -> String { singular(table) }
    /// The body of create and replace (`TaskCreate`).
    static func create(_ table: TableSchema) -> String { singular(table) + "Create" }
    /// The body of `POST /<table>/upsert`: the create body with the upsert key required (`TaskUpsert`).
    static func upsert(_ table: TableSchema) -> String { singular(table) + "Upsert" }
    /// The body of update, `PATCH` (`TaskUpdate`).
    static func update(_ table: TableSchema) -> String { singular(table) + "Update" }
    /// The body of a list response (`TaskPage`).
    static func page(_ table: TableSchema) -> String { singular(table) + "Page" }
    /// Schema of a record read with `fields`: its members, none required (`TaskSelection`).
    static func selection(_ table: TableSchema) -> String { singular(table) + "Selection" }
    /// The request body of `POST /<table>/batch` (`TaskBatch`).
    static func batch(_ table: TableSchema) -> String { singular(table) + "Batch" }
    /// One operation of a batch, any action (`TaskBatchOperation`).
    static func batchOperation(_ table: TableSchema) -> String { singular(table) + "BatchOperation" }
    /// One operation of a batch with `action` (`TaskBatchCreate`, `TaskBatchDelete`).
    static func batchOperation(_ table: TableSchema, action: String) -> String { singular(table) + "Batch" + pascalCase(action) }
    /// The outcome of one batch operation (`TaskBatchResult`).
    static func batchResult(_ table: TableSchema) -> String { singular(table) + "BatchResult" }
    /// The answer of a batch (`TaskBatchResponse`).
    static func batchResponse(_ table: TableSchema) -> String { singular(table) + "BatchResponse" }
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
