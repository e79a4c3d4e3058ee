import SchemaModel

/// What every part of the OpenAPI builder needs to know about the app beyond the element it
/// is describing: paths, limits, the error format and other tables' primary keys.
struct DocumentContext {
    /// The app being documented.
    let app: AppSchema
    /// Primary keys by table name, for relations and item paths.
    let primaryKeys: [String: PrimaryKeySchema]
    /// The statuses the app answers Loom's errors with.
    let errorStatuses: ErrorStatuses
    /// The named enumerations every builder of this document adds to.
    let enums = EnumComponents()

    /// Indexes the app's tables.
    init(app: AppSchema) {
        self.app = app
        self.errorStatuses = ErrorStatuses(config: app.config)
        var keys: [String: PrimaryKeySchema] = [:]
        for table in app.tables { keys[table.name] = table.primaryKey }
        primaryKeys = keys
    }

    /// The app's `app.json`.
    var config: AppConfig { app.config }

    /// How the idempotency key is documented on covered operations.
    var idempotency: IdempotencyDocumentation {
        IdempotencyDocumentation(headerName: config.headers.idempotencyKey, statuses: errorStatuses)
    }

    /// Every table name, for tagging custom endpoints.
    var tableNames: Set<String> { Set(app.tables.map(\.name)) }

    /// Where each of `table`'s routes is served (the URL parameter of item routes is always
    /// `id`, whatever the key column is called, because that is what `Runtime` registers).
    func routes(_ table: TableSchema) -> TableRoutes {
        TableRoutes(table: table, basePath: config.basePath)
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
