/// Everything the runtime needs to serve one table, decided by the generator.
///
/// Statement bind order (the generator and `TableHandlers` agree on it):
/// - `insert`: [primary key if uuid] + every field in `fields` order + [created_at, updated_at if timestamps]
///   + [the `access` columns: organization_id, project_id, owner]
/// - `replace`: every writable field in order + [updated_at if timestamps] + primary key
/// - `patch`: for every writable field (is-set flag, value) + [updated_at if timestamps] + primary key
/// - `selectByID`, `delete`: primary key
public struct TableDescriptor: Sendable {
    /// Table name.
    public let name: String
    /// Collection path, e.g. `/v1/tasks`.
    public let path: String
    /// JSON and column name of the primary key.
    public let primaryKeyName: String
    /// How the primary key is generated.
    public let primaryKeyKind: PrimaryKeyKind
    /// Whether `created_at`/`updated_at` are maintained.
    public let timestamps: Bool
    /// Declared fields in order (primary key and timestamps excluded).
    public let fields: [FieldRule]
    /// Fields usable as equality filters on the list route, by JSON name.
    public let filters: [FilterColumn]
    /// Relation fields, checked to name the offending field when a foreign key fails.
    public let relations: [RelationCheck]
    /// Generated SQL.
    public let statements: TableStatements
    /// The unique field `POST /<table>/upsert` matches records on, if the table declares one.
    public let upsertKey: String?
    /// `DELETE` stamps `deleted_at`; lists hide such rows unless `deleted=include|only`.
    public let softDelete: Bool
    /// Write bodies may carry server-owned members (key, timestamps, `deleted_at`, read-only
    /// fields); they are dropped instead of being a 422 (schema `serverOwnedFields: "ignore"`).
    public let ignoresServerOwnedFields: Bool
    /// The full-text condition over the `searchable` fields, with `{q}` for the placeholder.
    public let search: DialectSQL?
    /// Relation fields of other tables pointing at this one, for `expand=` of one-to-many.
    public let reverseRelations: [ReverseRelation]
    /// Tenant and owner conditions every statement on the table carries (`nil`: none).
    public let access: RowAccess?

    /// Creates a descriptor.
    public init(
        name: String, path: String, primaryKeyName: String, primaryKeyKind: PrimaryKeyKind, timestamps: Bool,
        fields: [FieldRule], filters: [FilterColumn], relations: [RelationCheck], statements: TableStatements,
        upsertKey: String? = nil, softDelete: Bool = false, ignoresServerOwnedFields: Bool = false, search: DialectSQL? = nil,
        reverseRelations: [ReverseRelation] = [], access: RowAccess? = nil
    ) {
        self.access = access
        self.ignoresServerOwnedFields = ignoresServerOwnedFields
        self.reverseRelations = reverseRelations
        self.search = search
        self.upsertKey = upsertKey
        self.softDelete = softDelete
        self.name = name
        self.path = path
        self.primaryKeyName = primaryKeyName
        self.primaryKeyKind = primaryKeyKind
        self.timestamps = timestamps
        self.fields = fields
        self.filters = filters
        self.relations = relations
        self.statements = statements
    }
}

/// A list filter: `?<name>=<value>` compares the column for equality.
public struct FilterColumn: Sendable {
    /// Query parameter (JSON field) name.
    public let name: String
    /// Rule used to parse and check the query value.
    public let rule: FieldRule
    /// Quoted column name for SQL.
    public let column: String
    /// Usable in `filter=` and as `?<name>=` (schema `filterable`).
    public let filterable: Bool
    /// Usable in `sort=` (schema `sortable`).
    public let sortable: Bool
    /// Creates a filter.
    public init(name: String, rule: FieldRule, column: String, filterable: Bool = true, sortable: Bool = true) {
        self.name = name
        self.rule = rule
        self.column = column
        self.filterable = filterable
        self.sortable = sortable
    }
}

/// A relation field and the statement that tells whether a referenced row exists.
public struct RelationCheck: Sendable {
    /// The field's position in `TableDescriptor.fields`.
    public let fieldIndex: Int
    /// Referenced table name (for messages).
    public let table: String
    /// `SELECT 1 FROM <table> WHERE <pk> = ?` per dialect.
    public let exists: DialectSQL
    /// The referenced table's descriptor, so filters can reach its fields (`project_id.name`).
    /// A closure because tables may reference each other (or themselves).
    public let target: (@Sendable () -> TableDescriptor)?
    /// Decodes a row of the referenced table (selected with its select list) and writes it as
    /// JSON, for `expand=`; erases the referenced record type so `TableHandlers` stays generic.
    public let writeTarget: (@Sendable (SQLRow, inout JSONWriter) throws -> Void)?
    /// Creates a check.
    public init(
        fieldIndex: Int, table: String, exists: DialectSQL, target: (@Sendable () -> TableDescriptor)? = nil,
        writeTarget: (@Sendable (SQLRow, inout JSONWriter) throws -> Void)? = nil
    ) {
        self.fieldIndex = fieldIndex
        self.table = table
        self.exists = exists
        self.target = target
        self.writeTarget = writeTarget
    }
}

/// The generated SQL of one table, per dialect.
public struct TableStatements: Sendable {
    /// Quoted table name.
    public let table: String
    /// Quoted select list in record column order.
    public let selectColumns: String
    /// Quoted primary key column, for ordering and lookups.
    public let primaryKeyColumn: String
    /// Select one row by primary key.
    public let selectByID: DialectSQL
    /// Insert one row, returning it.
    public let insert: DialectSQL
    /// Replace every writable column, returning the row.
    public let replace: DialectSQL
    /// Update the columns whose flag is set, returning the row.
    public let patch: DialectSQL
    /// Delete one row by primary key.
    public let delete: DialectSQL
    /// Insert, or update the record holding the same upsert key; bound like `insert`.
    public let upsert: DialectSQL?
    /// `SELECT <key> FROM <table> WHERE <upsert key> = ?`.
    public let upsertLookup: DialectSQL?

    /// Creates the statement set.
    public init(
        table: String, selectColumns: String, primaryKeyColumn: String, selectByID: DialectSQL, insert: DialectSQL,
        replace: DialectSQL, patch: DialectSQL, delete: DialectSQL, upsert: DialectSQL? = nil, upsertLookup: DialectSQL? = nil
    ) {
        self.upsert = upsert
        self.upsertLookup = upsertLookup
        self.table = table
        self.selectColumns = selectColumns
        self.primaryKeyColumn = primaryKeyColumn
        self.selectByID = selectByID
        self.insert = insert
        self.replace = replace
        self.patch = patch
        self.delete = delete
    }
}
