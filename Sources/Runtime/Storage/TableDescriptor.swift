/// Everything the runtime needs to serve one table, decided by the generator: names, rules and
/// statements whose bind order is stated by their slots (`StatementTemplate`), never re-derived.
public struct TableDescriptor: Sendable {
    /// Table name.
    public let name: String
    /// Collection path, e.g. `/v1/tasks` (the routes may be elsewhere: `routes`).
    public let path: String
    /// JSON and column name of the primary key.
    public let primaryKeyName: String
    /// How the primary key is generated.
    public let primaryKeyKind: PrimaryKeyKind
    /// Whether `created_at`/`updated_at` are maintained.
    public let timestamps: Bool
    /// Declared fields in order (primary key and timestamps excluded).
    public let fields: [FieldRule]
    /// JSON names of the record's members in select-list order: the key, the declared fields,
    /// the timestamps, `deleted_at` (`SQLRow` positions of every statement returning the row).
    public let members: [String]
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
    /// Where each route is served (`path` and `routes` of the schema).
    public let routes: TableRoutePaths
    /// How single-record answers are wrapped.
    public let recordEnvelope: RecordEnvelope
    /// How pages are written.
    public let listEnvelope: ListEnvelope
    /// How write bodies are wrapped.
    public let requestEnvelope: RequestEnvelope
    /// The batch route as a create-only batch (`envelopes.batch`); `nil`: Loom's batch.
    public let batchEnvelope: BatchEnvelope?
    /// Named list parameters comparing one column (`listParameters`).
    public let listParameters: [ListParameter]
    /// A caller refused with 403 is answered 404, hiding what exists (`forbiddenAsNotFound`).
    public let forbiddenAsNotFound: Bool
    /// The JSON names of `created_at`, `updated_at` and `deleted_at` (by column), as the app spells them.
    public let timestampNames: [String: String]
    /// Column names in select-list order, beside `members` (the JSON names; the same unless the
    /// app spells members in `camelCase`).
    public let columns: [String]

    /// Creates a descriptor.
    public init(
        name: String, path: String, primaryKeyName: String, primaryKeyKind: PrimaryKeyKind, timestamps: Bool,
        fields: [FieldRule], members: [String], filters: [FilterColumn], relations: [RelationCheck], statements: TableStatements,
        upsertKey: String? = nil, softDelete: Bool = false, ignoresServerOwnedFields: Bool = false, search: DialectSQL? = nil,
        reverseRelations: [ReverseRelation] = [], access: RowAccess? = nil, routes: TableRoutePaths? = nil,
        recordEnvelope: RecordEnvelope = .bare, listEnvelope: ListEnvelope = .loom, requestEnvelope: RequestEnvelope = .bare,
        batchEnvelope: BatchEnvelope? = nil, listParameters: [ListParameter] = [], forbiddenAsNotFound: Bool = false, timestampNames: [String: String] = [:],
        columns: [String]? = nil
    ) {
        self.columns = columns ?? members
        self.routes = routes ?? TableRoutePaths(collection: path)
        self.recordEnvelope = recordEnvelope
        self.listEnvelope = listEnvelope
        self.requestEnvelope = requestEnvelope
        self.batchEnvelope = batchEnvelope
        self.listParameters = listParameters
        self.forbiddenAsNotFound = forbiddenAsNotFound
        self.timestampNames = timestampNames
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
        self.members = members
        self.filters = filters
        self.relations = relations
        self.statements = statements
    }
}

extension TableDescriptor {
    /// The JSON name of the timestamp column `column` (`created_at` → `createdAt` in a camelCase app).
    public func timestampName(_ column: String) -> String { timestampNames[column] ?? column }

    /// The JSON name of the member stored in `column` (the column itself when unknown).
    public func member(ofColumn column: String) -> String {
        columns.firstIndex(of: column).map { members[$0] } ?? column
    }

    /// The column of declared field `index` (`fields[index]`): the key comes first in the select list.
    public func column(ofField index: Int) -> String { columns[index + 1] }

    /// The position in `fields` of the declared field stored in `column`.
    public func fieldIndex(ofColumn column: String) -> Int? {
        guard let position = columns.firstIndex(of: column), position >= 1, position - 1 < fields.count else { return nil }
        return position - 1
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

/// The generated SQL of one table, per dialect. Every point statement carries the table's
/// tenant and owner conditions and, on soft-delete tables, excludes deleted rows; statements
/// that change a row return it in select-list order (`TableDescriptor.members`).
public struct TableStatements: Sendable {
    /// Quoted table name (list statements are composed from it).
    public let table: String
    /// Quoted select list in record member order.
    public let selectColumns: String
    /// Quoted primary key column, for ordering and lookups.
    public let primaryKeyColumn: String
    /// One live row by primary key.
    public let selectByID: StatementTemplate
    /// `selectByID` that also locks the row until the transaction ends (`FOR UPDATE` on
    /// PostgreSQL; SQLite's single writer already excludes other writes): the "before" image
    /// write hooks may ask for.
    public let lockByID: StatementTemplate
    /// Inserts one row, returning it.
    public let insert: StatementTemplate
    /// Replaces every writable column, returning the row.
    public let replace: StatementTemplate
    /// Sets the columns whose flag is set (every declared field, so server code may set
    /// read-only ones), returning the row.
    public let patch: StatementTemplate
    /// Deletes one row (on soft-delete tables: stamps `deleted_at`), returning it.
    public let delete: StatementTemplate
    /// `replace`, `patch` and `delete` guarded by every member's previous value (`If-Match`).
    public let guarded: GuardedStatements
    /// Clears `deleted_at` of a deleted row, returning it (soft-delete tables only).
    public let restore: StatementTemplate?
    /// Inserts, or updates the record holding the same upsert key, returning the row.
    public let upsert: StatementTemplate?
    /// The key of the record holding an upsert key value, if any.
    public let upsertLookup: StatementTemplate?

    /// Creates the statement set.
    public init(
        table: String, selectColumns: String, primaryKeyColumn: String, guarded: GuardedStatements,
        selectByID: StatementTemplate, lockByID: StatementTemplate, insert: StatementTemplate, replace: StatementTemplate,
        patch: StatementTemplate, delete: StatementTemplate, restore: StatementTemplate? = nil,
        upsert: StatementTemplate? = nil, upsertLookup: StatementTemplate? = nil
    ) {
        self.table = table
        self.selectColumns = selectColumns
        self.primaryKeyColumn = primaryKeyColumn
        self.selectByID = selectByID
        self.lockByID = lockByID
        self.insert = insert
        self.replace = replace
        self.patch = patch
        self.delete = delete
        self.guarded = guarded
        self.restore = restore
        self.upsert = upsert
        self.upsertLookup = upsertLookup
    }
}

/// The compare-and-swap forms of a table's writes: the same statement with one more condition,
/// that every member still holds the value read when the `If-Match` tag was checked.
///
/// The entity tag is a hash of the record's JSON, which SQL cannot compute, so the handler reads
/// the row, compares tags, and then writes with the row's values as a guard (`BindSlot.previous`).
/// A write landing between the read and the write changes some column, the guarded statement
/// then matches no row, and the client gets 412 instead of silently overwriting that write.
/// Values read round-trip exactly: SQLite returns what it stored, and PostgreSQL values are bound
/// back in the text forms they were written in (millisecond timestamps, shortest-round-trip doubles).
public struct GuardedStatements: Sendable {
    /// Guarded `replace`.
    public let replace: StatementTemplate
    /// Guarded `patch`.
    public let patch: StatementTemplate
    /// Guarded `delete`.
    public let delete: StatementTemplate

    /// Creates the set.
    public init(replace: StatementTemplate, patch: StatementTemplate, delete: StatementTemplate) {
        self.replace = replace
        self.patch = patch
        self.delete = delete
    }
}
