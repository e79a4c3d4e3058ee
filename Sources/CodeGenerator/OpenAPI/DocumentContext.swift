import SchemaModel

/// What every part of the OpenAPI builder needs to know about the app beyond the element it
/// is describing: paths, limits, the error format and other tables' primary keys.
struct DocumentContext {
    /// The app being documented.
    let app: AppSchema
    /// Primary keys by table name, for relations and item paths.
    let primaryKeys: [String: PrimaryKeySchema]

    /// Indexes the app's tables.
    init(app: AppSchema) {
        self.app = app
        var keys: [String: PrimaryKeySchema] = [:]
        for table in app.tables { keys[table.name] = table.primaryKey }
        primaryKeys = keys
    }

    /// The app's `app.json`.
    var config: AppConfig { app.config }

    /// Every table name, for tagging custom endpoints.
    var tableNames: Set<String> { Set(app.tables.map(\.name)) }

    /// `/v1/tasks`: the route of list and create.
    func collectionPath(_ table: TableSchema) -> String {
        config.basePath + "/" + table.name
    }

    /// `/v1/tasks/{id}`: the route of get, replace, update and delete. The URL parameter is
    /// always `id`, whatever the key column is called, because that is what `Runtime` registers.
    func itemPath(_ table: TableSchema) -> String {
        collectionPath(table) + "/{id}"
    }

    /// `/v1` + the endpoint's own path, `{param}` templates kept.
    func endpointPath(_ endpoint: EndpointSchema) -> String {
        config.basePath + endpoint.path
    }

    /// The primary key of the table a relation points to.
    func primaryKey(of relation: FieldSchema, file: String) throws -> (table: String, key: PrimaryKeySchema) {
        guard let target = relation.table, let key = primaryKeys[target] else {
            throw OpenAPIBuildError(
                code: .unknownRelationTarget,
                message: "field \"\(relation.name)\" references table \"\(relation.table ?? "")\", which the app does not have",
                file: file)
        }
        return (target, key)
    }
}
