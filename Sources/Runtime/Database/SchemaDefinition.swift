/// The schema an app expects: the numbered migrations `loom generate` wrote for it.
///
/// `DatabaseClient.migrate(to:)` applies the ones the database has not recorded in
/// `loom_migrations` (see `NumberedMigrationHistory`), each in its own transaction.
public struct SchemaDefinition: Sendable {
    /// The app's name; every recorded migration step is tagged with it.
    public let app: String
    /// The numbered migrations, oldest first.
    public let migrations: [SchemaMigration]
    /// A table with an integer `version` column in which an older binary recorded these
    /// migrations by version (`auth_schema_migrations`). While the app has no rows in
    /// `loom_migrations`, the versions it holds are recorded as applied without running.
    public let legacyHistoryTable: String?
    /// Creates a schema definition.
    public init(app: String, migrations: [SchemaMigration], legacyHistoryTable: String? = nil) {
        self.app = app
        self.migrations = migrations
        self.legacyHistoryTable = legacyHistoryTable
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
}
