/// The translate stage's output: every Swift name, type, literal, SQL statement (per dialect)
/// and route decided, so templates only place text.
public struct RenderModel: Sendable, Hashable {
    /// Apps sorted by name.
    public var apps: [AppRenderModel]
    /// `Schemas/loom.json`, named in the project file's header.
    public var sourceFile: String
    /// The default app's name as a Swift literal.
    public var defaultAppLiteral: String
}

/// One app, rendered into `Generated/<Namespace>/`.
public struct AppRenderModel: Sendable, Hashable {
    /// Schema name (`tracker`).
    public var name: String
    /// Swift namespace and output directory (`Tracker`).
    public var namespace: String
    /// The `app.json` path, named in file headers.
    public var sourceFile: String
    /// Swift literals of app settings.
    public var nameLiteral: String
    public var titleLiteral: String
    public var basePathLiteral: String
    public var errorFormat: String
    public var maxBodyBytes: Int
    public var defaultPageSize: Int
    public var maxPageSize: Int
    /// Documentation lines of the namespace.
    public var docLines: [String]
    /// Tables, referenced tables before the tables that reference them.
    public var tables: [TableRenderModel]
    /// Custom endpoints sorted by name.
    public var endpoints: [EndpointRenderModel]
    /// Whether the app has custom endpoints (and so a handlers protocol).
    public var hasEndpoints: Bool
    /// Name of the generated handlers protocol (`TrackerHandlers`).
    public var handlersProtocol: String
    /// The OpenAPI document (JSON text), filled by the OpenAPI builder.
    public var openAPIDocument: String
    /// The OpenAPI document as a Swift multi-line raw literal.
    public var openAPILiteral: String
}

/// One table, rendered into `Generated/<Namespace>/Tables/<TypeName>.swift`.
public struct TableRenderModel: Sendable, Hashable {
    public var namespace: String
    public var typeName: String
    public var sourceFile: String
    public var docLines: [String]
    public var nameLiteral: String
    public var pathLiteral: String
    public var primaryKeyNameLiteral: String
    public var primaryKeyKind: String
    public var primaryKeyTextExpression: String
    public var timestamps: Bool
    /// Record properties in column order: primary key, fields, timestamps.
    public var properties: [PropertyRenderModel]
    /// `FieldRule(...)` expressions of the declared fields, in order.
    public var rules: [ListItem]
    /// `FilterColumn(...)` expressions.
    public var filters: [ListItem]
    /// `RelationCheck(...)` expressions.
    public var relations: [ListItem]
    /// Operations as `TableOperationKind` cases (`.list, .get`).
    public var operations: String
    /// SQL, each a Swift literal.
    public var tableLiteral: String
    public var selectColumnsLiteral: String
    public var primaryKeyColumnLiteral: String
    public var statements: [DialectStatementRenderModel]
    /// DDL.
    public var createTable: DialectStatementRenderModel
    public var columns: [ColumnRenderModel]
    public var indexes: [IndexRenderModel]
}

/// A Swift expression in a comma-separated list (templates cannot decide where commas go).
public struct ListItem: Sendable, Hashable {
    public var expression: String
    public var isLast: Bool
}

/// A statement's SQLite and PostgreSQL forms as Swift literals.
public struct DialectStatementRenderModel: Sendable, Hashable {
    /// Parameter label in `TableStatements.init`.
    public var label: String
    public var sqlite: String
    public var postgres: String
}

/// A column for migrations.
public struct ColumnRenderModel: Sendable, Hashable {
    public var nameLiteral: String
    /// `DialectSQL(...)` or `nil`.
    public var addColumnExpression: String
    public var isLast: Bool
}

/// A secondary index.
public struct IndexRenderModel: Sendable, Hashable {
    public var nameLiteral: String
    public var sqlite: String
    public var postgres: String
    public var isLast: Bool
}

/// A stored property of a generated struct with how to read and write it.
public struct PropertyRenderModel: Sendable, Hashable {
    public var swiftName: String
    public var swiftType: String
    public var jsonNameLiteral: String
    public var docLines: [String]
    /// Expression reading it from a `RowReader` named `reader` (records) or from a
    /// `ValidatedObject` named `values` (endpoint structs).
    public var readExpression: String
    public var isLast: Bool
}

/// A custom endpoint, rendered into `Generated/<Namespace>/Endpoints/<TypeName>.swift`.
public struct EndpointRenderModel: Sendable, Hashable {
    public var namespace: String
    public var typeName: String
    public var sourceFile: String
    public var methodName: String
    /// The HTTP method as a Swift literal (`"GET"`).
    public var methodLiteral: String
    public var pathLiteral: String
    public var docLines: [String]
    /// Path then query parameters, as properties of `Input`.
    public var parameters: [PropertyRenderModel]
    public var pathRules: [ListItem]
    public var queryRules: [ListItem]
    public var hasBody: Bool
    public var hasOutput: Bool
    /// Success status code (200, 201, 202, 204).
    public var statusCode: Int
    /// Human name of the status for doc comments.
    public var status: String
    /// `Body.rules` or `nil`.
    public var bodyRules: String
    /// Body/Output structs and their nested object structs, flattened.
    public var structs: [StructRenderModel]
}

/// A generated value struct (an endpoint body, response or nested object).
public struct StructRenderModel: Sendable, Hashable {
    public var typeName: String
    public var docLines: [String]
    public var properties: [PropertyRenderModel]
    public var rules: [ListItem]
}
