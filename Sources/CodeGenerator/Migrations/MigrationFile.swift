import Foundation

/// One numbered migration as written under `Generated/<App>/Migrations/`: a `.sql` file per
/// dialect, one statement per line, `--` lines for comments and the foreign-key directive.
public struct MigrationFile: Sendable, Hashable {
    /// `0002`-style version.
    public var version: Int
    /// The snake_case name after the number (`initial`, `add_tasks_priority`).
    public var name: String
    /// SQLite SQL.
    public var sqlite: MigrationSQL
    /// PostgreSQL SQL.
    public var postgres: MigrationSQL

    /// `0002_add_tasks_priority`.
    public var identifier: String { String(repeating: "0", count: max(0, 4 - String(version).count)) + "\(version)_\(name)" }

    /// The line telling the runner to turn SQLite foreign keys off around the transaction.
    static let foreignKeysOffDirective = "-- loom: foreign_keys=off"

    /// The file text of one dialect.
    static func text(_ sql: MigrationSQL, identifier: String, dialect: String) -> String {
        var lines = ["-- Migration \(identifier) (\(dialect)), written by `loom generate`. Never edit an applied migration."]
        if sql.foreignKeysOff { lines.append(foreignKeysOffDirective) }
        lines += sql.statements.map { $0.hasSuffix(";") ? $0 : $0 + ";" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Reads a file `text` wrote (or an edited one: every non-comment line is a statement).
    static func parse(_ text: String) -> MigrationSQL {
        var statements: [String] = []
        var foreignKeysOff = false
        for line in text.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed == foreignKeysOffDirective { foreignKeysOff = true }
            if trimmed.isEmpty || trimmed.hasPrefix("--") { continue }
            statements.append(trimmed)
        }
        return MigrationSQL(statements: statements, foreignKeysOff: foreignKeysOff)
    }

    /// Splits `0002_add_tasks_priority.sqlite.sql` into version, name and dialect.
    static func parseFileName(_ fileName: String) -> (version: Int, name: String, dialect: String)? {
        let parts = fileName.split(separator: ".")
        guard parts.count == 3, parts[2] == "sql", ["sqlite", "postgres"].contains(parts[1]) else { return nil }
        let stem = parts[0]
        guard let underscore = stem.firstIndex(of: "_"), let version = Int(stem[..<underscore]), version > 0 else { return nil }
        return (version, String(stem[stem.index(after: underscore)...]), String(parts[1]))
    }
}
