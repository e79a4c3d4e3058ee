import OpenAPIKit

/// Groups operations into path items and refuses the collisions a router would also refuse:
/// one method twice on a path, two templates differing only in parameter names
/// (`/tasks/{id}` and `/tasks/{task_id}`), or one `operationId` twice.
struct PathCollector {
    private var items: [String: OpenAPI.PathItem] = [:]
    /// Path template by its shape (parameter names blanked), to catch equivalent templates.
    private var pathsByShape: [String: String] = [:]
    private var operationIDs: Set<String> = []

    /// Creates an empty collection.
    init() {}

    /// Adds `route`, or throws when it collides with one added before.
    mutating func add(_ route: DocumentedRoute) throws {
        let path = OpenAPI.Path(rawValue: route.path).rawValue
        let shape = Self.shape(of: path)
        if let existing = pathsByShape[shape], existing != path {
            throw OpenAPIBuildError(
                code: .duplicateRoute,
                message: "path \(path) differs from \(existing) only in parameter names; a router cannot tell them apart",
                file: route.file)
        }
        pathsByShape[shape] = path
        var item = items[path] ?? OpenAPI.PathItem()
        guard item[route.method] == nil else {
            throw OpenAPIBuildError(
                code: .duplicateRoute, message: "\(route.method.rawValue) \(path) is declared twice", file: route.file)
        }
        let operationID = route.operation.operationId ?? ""
        guard operationIDs.insert(operationID).inserted else {
            throw OpenAPIBuildError(
                code: .duplicateOperationID,
                message: "operationId \"\(operationID)\" of \(route.method.rawValue) \(path) is already used by another operation",
                file: route.file)
        }
        item[route.method] = route.operation
        items[path] = item
    }

    /// Path items sorted by path, so the document never depends on insertion order.
    var pathItems: OpenAPI.PathItem.Map {
        var map = OpenAPI.PathItem.Map()
        for path in items.keys.sorted() {
            if let item = items[path] { map[OpenAPI.Path(rawValue: path)] = .pathItem(item) }
        }
        return map
    }

    /// `/v1/tasks/{id}` -> `/v1/tasks/{}`.
    private static func shape(of path: String) -> String {
        var result = ""
        var inParameter = false
        for character in path {
            if character == "{" { inParameter = true; result.append(character) }
            else if character == "}" { inParameter = false; result.append(character) }
            else if !inParameter { result.append(character) }
        }
        return result
    }
}
