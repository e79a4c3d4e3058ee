import SchemaModel

/// Full-text search over a table's `searchable` fields.
///
/// SQLite: an FTS5 table with external content (the table itself, by `rowid`), kept in step by
/// three triggers, filled once from existing rows when it is empty. PostgreSQL: a GIN index on
/// the `to_tsvector('simple', ...)` expression the list query repeats, so no column is added.
struct SearchDDL {
    let table: TableSchema
    let fields: [String]

    /// `nil` when the table has no searchable field.
    init?(table: TableSchema) {
        let fields = table.fields.filter(\.searchable).map(\.name)
        guard !fields.isEmpty else { return nil }
        self.table = table
        self.fields = fields
    }

    /// Name of the FTS5 table (SQLite) and of the GIN index (PostgreSQL).
    var name: String { table.name + "_search" }

    private var quotedTable: String { SQLTypes.quote(table.name) }
    private var quotedName: String { SQLTypes.quote(name) }
    private var columns: String { fields.map(SQLTypes.quote).joined(separator: ", ") }
    private func values(_ prefix: String) -> String { fields.map { "\(prefix).\(SQLTypes.quote($0))" }.joined(separator: ", ") }

    /// The FTS5 table, its triggers and the one-time fill, as one script (idempotent).
    func sqlite() -> String {
        let insertNew = "INSERT INTO \(quotedName)(rowid, \(columns)) VALUES (new.rowid, \(values("new")));"
        let deleteOld = "INSERT INTO \(quotedName)(\(quotedName), rowid, \(columns)) VALUES ('delete', old.rowid, \(values("old")));"
        return [
            "CREATE VIRTUAL TABLE IF NOT EXISTS \(quotedName) USING fts5(\(columns), content=\(SQLTypes.quoteString(table.name)), content_rowid='rowid');",
            "CREATE TRIGGER IF NOT EXISTS \(SQLTypes.quote(name + "_insert")) AFTER INSERT ON \(quotedTable) BEGIN \(insertNew) END;",
            "CREATE TRIGGER IF NOT EXISTS \(SQLTypes.quote(name + "_delete")) AFTER DELETE ON \(quotedTable) BEGIN \(deleteOld) END;",
            "CREATE TRIGGER IF NOT EXISTS \(SQLTypes.quote(name + "_update")) AFTER UPDATE ON \(quotedTable) BEGIN \(deleteOld) \(insertNew) END;",
            "INSERT INTO \(quotedName)(rowid, \(columns)) SELECT rowid, \(columns) FROM \(quotedTable) "
                + "WHERE NOT EXISTS (SELECT 1 FROM \(SQLTypes.quote(name + "_docsize")));",
        ].joined(separator: " ")
    }

    /// The document expression both the index and the query use.
    var document: String {
        "to_tsvector('simple', " + fields.map { "coalesce(\(SQLTypes.quote($0)), '')" }.joined(separator: " || ' ' || ") + ")"
    }

    /// A GIN expression index.
    func postgres() -> String {
        "CREATE INDEX IF NOT EXISTS \(quotedName) ON \(quotedTable) USING GIN (\(document))"
    }

    /// The list condition with `{q}` where the runtime puts the placeholder.
    func condition(_ dialect: Dialect) -> String {
        switch dialect {
        case .sqlite: return "\(quotedTable).rowid IN (SELECT rowid FROM \(quotedName) WHERE \(quotedName) MATCH {q})"
        case .postgres: return "\(document) @@ websearch_to_tsquery('simple', {q})"
        }
    }
}
