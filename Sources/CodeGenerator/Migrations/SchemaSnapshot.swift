import Foundation

/// The storage schema of one app as the migration generator sees it: tables, columns and
/// indexes with the SQL each dialect needs to create them.
///
/// `loom generate` writes it as canonical JSON (`Generated/<App>/Migrations/snapshot.json`,
/// sorted keys, stable order) after every migration, and diffs the next schema against it: the
/// snapshot, not the live database, is the "before" of a migration, so generation stays pure.
public struct SchemaSnapshot: Codable, Sendable, Hashable {
    /// The app's name (`app.json` `name`).
    public var app: String
    /// Tables sorted by name.
    public var tables: [TableSnapshot]

    /// The table called `name`.
    func table(_ name: String) -> TableSnapshot? { tables.first { $0.name == name } }

    /// Canonical JSON: pretty-printed, sorted keys, trailing newline; equal snapshots give equal text.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, booleans and arrays cannot fail.
        let data = (try? encoder.encode(self)) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Reads a snapshot `json()` wrote.
    public static func parse(_ text: String) throws -> SchemaSnapshot {
        try JSONDecoder().decode(SchemaSnapshot.self, from: Data(text.utf8))
    }
}

/// One table of a `SchemaSnapshot`.
public struct TableSnapshot: Codable, Sendable, Hashable {
    /// The table name.
    public var name: String
    /// Columns in table order (primary key first).
    public var columns: [ColumnSnapshot]
    /// Indexes in generator order (unique fields, relations, declared, search).
    public var indexes: [IndexSnapshot]

    /// The column called `name`.
    func column(_ name: String) -> ColumnSnapshot? { columns.first { $0.name == name } }
}

/// One column of a `TableSnapshot`.
public struct ColumnSnapshot: Codable, Sendable, Hashable {
    /// The column name.
    public var name: String
    /// The schema type (`string`, `integer`, ..., `primaryKey`, `timestamp`), which decides
    /// whether a type change narrows.
    public var kind: String
    /// SQLite column type.
    public var sqliteType: String
    /// PostgreSQL column type.
    public var postgresType: String
    /// Whether the column accepts NULL.
    public var nullable: Bool
    /// The default as a SQLite literal, `nil` without one.
    public var sqliteDefault: String?
    /// The default as a PostgreSQL literal, `nil` without one.
    public var postgresDefault: String?
    /// The `CHECK` expression (enum values), `nil` without one.
    public var check: String?
    /// The allowed values of an enum column, to tell a widened check from a narrowed one.
    public var values: [String]?
    /// The `REFERENCES ... ON DELETE ...` clause of a relation, `nil` otherwise.
    public var references: String?
    /// The full column definition in a SQLite `CREATE TABLE`.
    public var sqlite: String
    /// The full column definition in a PostgreSQL `CREATE TABLE`.
    public var postgres: String
}

/// One index of a `TableSnapshot`: a plain or unique index, or the full-text search index.
public struct IndexSnapshot: Codable, Sendable, Hashable {
    /// The index name (for a search index, the FTS5 table / GIN index name).
    public var name: String
    /// Indexed columns.
    public var columns: [String]
    /// Whether it is a unique index.
    public var unique: Bool
    /// Whether it is the search index (an FTS5 table with triggers on SQLite).
    public var search: Bool
    /// The SQLite statement(s) creating it.
    public var sqlite: String
    /// The PostgreSQL statement creating it.
    public var postgres: String
}
