import OpenAPIKit

/// One operation of the document and the route it answers on, before routes are grouped
/// into path items.
struct DocumentedRoute {
    /// Full path template, e.g. `/v1/tasks/{id}`.
    let path: String
    /// HTTP method.
    let method: OpenAPI.HttpMethod
    /// The operation; its `operationId` is always set.
    var operation: OpenAPI.Operation
    /// The schema file the route comes from, for errors (nil for built-in routes).
    let file: String?
}
