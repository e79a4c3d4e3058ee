import Foundation
import Logging

/// The progress lines of numbered migrations, the same on both engines: one line when a
/// migration starts, one per statement that ran longer than `slowStatementSeconds` (an index
/// or a table rebuild on a big table), and one when it is committed, with its duration.
struct MigrationProgress {
    /// Statements slower than this are logged on their own.
    static let slowStatementSeconds = 1.0

    /// Where the lines go.
    let logger: Logger
    /// The app migrated.
    let app: String
    /// The database, as the logs name it (file path or host:port/database).
    let database: String

    /// A migration is about to run.
    func started(_ migration: SchemaMigration, statements: Int) {
        logger.info("Applying migration", metadata: metadata(migration, ["statements": .stringConvertible(statements)]))
    }

    /// One statement finished; logged only when it was slow.
    func statementFinished(_ migration: SchemaMigration, number: Int, of count: Int, since start: Date) {
        let seconds = Date().timeIntervalSince(start)
        guard seconds >= Self.slowStatementSeconds else { return }
        logger.info("Migration statement finished", metadata: metadata(migration, [
            "statement": .string("\(number)/\(count)"), "duration_ms": .stringConvertible(Int(seconds * 1000)),
        ]))
    }

    /// A migration committed.
    func applied(_ migration: SchemaMigration, since start: Date) {
        let milliseconds = Int(Date().timeIntervalSince(start) * 1000)
        logger.info("Applied migration", metadata: metadata(migration, ["duration_ms": .stringConvertible(milliseconds)]))
    }

    /// The baseline was recorded for an existing database without running.
    func adoptedBaseline(_ migration: SchemaMigration) {
        logger.info("Adopted existing schema as migration", metadata: metadata(migration, [:]))
    }

    private func metadata(_ migration: SchemaMigration, _ extra: Logger.Metadata) -> Logger.Metadata {
        var result: Logger.Metadata = ["app": .string(app), "migration": .string(migration.identifier), "database": .string(database)]
        result.merge(extra) { _, new in new }
        return result
    }
}
