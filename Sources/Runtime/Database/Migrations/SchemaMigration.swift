/// One numbered migration `loom generate` wrote under `Generated/<App>/Migrations/` and
/// embedded in the binary (`<App>+Migrations.swift`), so a server never reads SQL files at run time.
public struct SchemaMigration: Sendable, Hashable {
    /// 1, 2, ... in the order they must apply.
    public let version: Int
    /// The snake_case name after the number (`initial`, `add_tasks_priority`).
    public let name: String
    /// SQLite statements in order.
    public let sqlite: [String]
    /// PostgreSQL statements in order.
    public let postgres: [String]
    /// SQLite: the migration rebuilds or drops a table, so `PRAGMA foreign_keys` must be off
    /// around its transaction (the pragma is a no-op inside one) and `PRAGMA foreign_key_check`
    /// must find nothing before it commits.
    public let sqliteForeignKeysOff: Bool

    /// Creates a migration (generated code calls this).
    public init(version: Int, name: String, sqlite: [String], postgres: [String], sqliteForeignKeysOff: Bool) {
        self.version = version
        self.name = name
        self.sqlite = sqlite
        self.postgres = postgres
        self.sqliteForeignKeysOff = sqliteForeignKeysOff
    }

    /// The statements of `dialect`.
    public func statements(for dialect: SQLDialect) -> [String] {
        dialect == .sqlite ? sqlite : postgres
    }

    /// `0002_add_tasks_priority`: the step recorded in `loom_migrations`.
    public var identifier: String {
        let digits = String(version)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits + "_" + name
    }

    /// SHA-256 of the dialect's statements, recorded when the migration is applied; a different
    /// value later means the migration was edited after it ran.
    public func checksum(for dialect: SQLDialect) -> String {
        SHA256Digest.hex(statements(for: dialect).joined(separator: "\n"))
    }
}
