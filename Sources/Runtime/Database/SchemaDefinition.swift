/// The tables an app expects, generated from its schema files, per dialect.
///
/// `DatabaseClient.migrate(to:)` creates missing tables, adds missing columns and indexes, and
/// records every step in the `loom_migrations` table. It never drops or rewrites anything:
/// a change it cannot apply safely is refused with a `MigrationError`.
public struct SchemaDefinition: Sendable {
    /// The app's name; every recorded migration step is tagged with it.
    public let app: String
    /// Tables in dependency order (referenced tables first).
    public let tables: [TableDefinition]
    /// The numbered migrations `loom generate` wrote, oldest first. When there are any,
    /// `migrate(to:)` applies the pending ones (see `NumberedMigrationHistory`) instead of the
    /// additive comparison with `tables`.
    public let migrations: [SchemaMigration]
    /// A table with an integer `version` column in which an older binary recorded these
    /// migrations by version (`auth_schema_migrations`). While the app has no rows in
    /// `loom_migrations`, the versions it holds are recorded as applied without running.
    public let legacyHistoryTable: String?
    /// Creates a schema definition.
    public init(app: String, tables: [TableDefinition], migrations: [SchemaMigration] = [], legacyHistoryTable: String? = nil) {
        self.app = app
        self.tables = tables
        self.migrations = migrations
        self.legacyHistoryTable = legacyHistoryTable
    }
}

/// One table of a `SchemaDefinition`.
public struct TableDefinition: Sendable {
    /// Table name.
    public let name: String
    /// `CREATE TABLE` statement with every column and constraint.
    public let create: DialectSQL
    /// Columns in order.
    public let columns: [ColumnDefinition]
    /// Secondary indexes (unique field constraints are part of `create`).
    public let indexes: [IndexDefinition]
    /// Creates a table definition.
    public init(name: String, create: DialectSQL, columns: [ColumnDefinition], indexes: [IndexDefinition]) {
        self.name = name
        self.create = create
        self.columns = columns
        self.indexes = indexes
    }
}

/// One column of a `TableDefinition`.
public struct ColumnDefinition: Sendable {
    /// Column name.
    public let name: String
    /// `ALTER TABLE ... ADD COLUMN ...` that adds the column to a table holding rows, or `nil`
    /// when that is impossible without data (a required column with no default).
    public let addColumn: DialectSQL?
    /// Creates a column definition.
    public init(name: String, addColumn: DialectSQL?) {
        self.name = name
        self.addColumn = addColumn
    }
}

/// One secondary index of a `TableDefinition`.
public struct IndexDefinition: Sendable {
    /// Index name (unique per database).
    public let name: String
    /// `CREATE [UNIQUE] INDEX IF NOT EXISTS ...`.
    public let create: DialectSQL
    /// Creates an index definition.
    public init(name: String, create: DialectSQL) {
        self.name = name
        self.create = create
    }
}

/// What `migrate(to:)` did.
public struct MigrationReport: Sendable, Equatable {
    /// Human-readable steps applied now, in order (`create table tasks`, `add column tasks.due_on`).
    public var applied: [String]
    /// Things noticed but deliberately left alone (a column in the database no schema declares).
    public var warnings: [String]
    /// Creates a report.
    public init(applied: [String] = [], warnings: [String] = []) {
        self.applied = applied
        self.warnings = warnings
    }
}

/// A schema change `migrate(to:)` refuses to apply.
public struct MigrationError: Error, Sendable, CustomStringConvertible {
    /// Kinds of refusal.
    public enum Code: String, Sendable {
        /// A new required column without default cannot be added to a table that may hold rows.
        case columnCannotBeAdded
        /// Any database failure while migrating.
        case databaseFailure
        /// An applied numbered migration's SQL differs from the one in the binary.
        case editedMigration
        /// The database recorded a numbered migration this binary does not contain.
        case unknownMigration
        /// A database built before numbered migrations lacks a table of the baseline migration.
        case baselineMismatch
    }
    /// Kind of refusal.
    public var code: Code
    /// What happened and how to fix it.
    public var message: String
    /// Creates an error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }
    /// `code: message`.
    public var description: String { "\(code.rawValue): \(message)" }

    /// The additive migrators' refusal (both engines) to add `table.column`, required and
    /// without default, to a table that may hold rows.
    static func columnCannotBeAdded(table: String, column: String) -> MigrationError {
        MigrationError(
            code: .columnCannotBeAdded,
            message: "column \(table).\(column) is required and has no default, so it cannot "
                + "be added to the existing table \(table), which may hold rows; give the field "
                + "a default value or make it optional (nullable), then migrate again. Nothing was applied."
        )
    }
}
