/// One row of `loom_migrations`: a migration step applied earlier.
public struct AppliedMigrationStep: Sendable, Equatable {
    /// The app the step belongs to.
    public var app: String
    /// The migration's identifier (`0002_add_tasks_priority`).
    public var step: String
    /// SHA-256 of the migration's statements (`SchemaMigration.checksum(for:)`).
    public var checksum: String
    /// When, as ISO-8601 UTC text.
    public var appliedAt: String
    /// Creates a history row.
    public init(app: String, step: String, checksum: String, appliedAt: String) {
        self.app = app
        self.step = step
        self.checksum = checksum
        self.appliedAt = appliedAt
    }
}

extension DatabaseClient {
    /// Every step recorded in `loom_migrations` for `app`, oldest first; empty before the first
    /// migration created the table. Same SQL on both engines.
    public func appliedMigrationSteps(app: String) async throws -> [AppliedMigrationStep] {
        let exists: SQLStatement
        switch dialect {
        case .sqlite:
            exists = SQLStatement("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'loom_migrations'")
        case .postgres:
            exists = SQLStatement("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'loom_migrations'")
        }
        guard case .integer(let count)? = try await fetch(exists).first?.values.first, count > 0 else { return [] }
        let rows = try await fetch(SQLStatement("SELECT app, step, checksum, applied_at FROM loom_migrations ORDER BY id"))
        return try rows.compactMap { row in
            var reader = RowReader(row)
            let step = AppliedMigrationStep(app: try reader.string(), step: try reader.string(), checksum: try reader.string(), appliedAt: try reader.string())
            return step.app == app ? step : nil
        }
    }
}
