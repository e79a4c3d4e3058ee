import SchemaModel

/// Builds a table's CRUD statements per dialect, in the bind order `TableDescriptor` documents.
struct StatementBuilder {
    let translator: TableTranslator
    let selectColumns: String

    private var table: String { translator.quotedTable }
    private var key: String { SQLTypes.quote(translator.primaryKey) }
    private var timestamps: Bool { translator.table.timestamps }
    /// ` AND "deleted_at" IS NULL` on `softDelete` tables: deleted rows are invisible to key lookups.
    private var live: String { translator.table.softDelete ? " AND \"deleted_at\" IS NULL" : "" }

    func selectByID(_ dialect: Dialect) -> String {
        "SELECT \(selectColumns) FROM \(table) WHERE \(key) = \(SQLTypes.placeholder(1, dialect))\(live)"
    }

    func insert(_ dialect: Dialect) -> String {
        var columns: [String] = []
        if translator.table.primaryKey.type == .uuid { columns.append(translator.primaryKey) }
        columns += translator.table.fields.map(\.name)
        if timestamps { columns += ["created_at", "updated_at"] }
        columns += translator.table.accessColumns
        let names = columns.map(SQLTypes.quote).joined(separator: ", ")
        let values = columns.indices.map { SQLTypes.placeholder($0 + 1, dialect) }.joined(separator: ", ")
        let valuesClause = columns.isEmpty ? "DEFAULT VALUES" : "(\(names)) VALUES (\(values))"
        return "INSERT INTO \(table) \(valuesClause) RETURNING \(selectColumns)"
    }

    func replace(_ dialect: Dialect) -> String {
        var position = 0
        var assignments: [String] = []
        for field in translator.writableFields {
            position += 1
            assignments.append("\(SQLTypes.quote(field.name)) = \(SQLTypes.placeholder(position, dialect))")
        }
        if timestamps {
            position += 1
            assignments.append("\"updated_at\" = \(SQLTypes.placeholder(position, dialect))")
        }
        return update(assignments: assignments, keyPosition: position + 1, dialect)
    }

    /// Each writable column is set only when its flag is true; one fixed statement serves
    /// every combination of fields a PATCH may send.
    func patch(_ dialect: Dialect) -> String {
        var position = 0
        var assignments: [String] = []
        for field in translator.writableFields {
            let column = SQLTypes.quote(field.name)
            let flag = SQLTypes.placeholder(position + 1, dialect)
            let value = SQLTypes.placeholder(position + 2, dialect)
            position += 2
            assignments.append("\(column) = CASE WHEN \(flag) THEN \(value) ELSE \(column) END")
        }
        if timestamps {
            position += 1
            assignments.append("\"updated_at\" = \(SQLTypes.placeholder(position, dialect))")
        }
        return update(assignments: assignments, keyPosition: position + 1, dialect)
    }

    /// With an `upsertKey`: the lookup telling whether a record holds the key value (run in the
    /// same transaction, first, so the answer is 201 or 200) and the insert that replaces the
    /// writable fields of the record already holding it. Binds: lookup = key value; upsert = insert binds.
    func upsertStatements() -> [DialectStatementRenderModel] {
        guard let keyField = translator.table.upsertKey else { return [] }
        let column = SQLTypes.quote(keyField)
        // On a tenant table the key is unique per tenant, and so is the conflict target.
        let target = ((translator.table.tenant?.columns ?? []) + [keyField]).map(SQLTypes.quote).joined(separator: ", ")
        let lookup = { (dialect: Dialect) in
            "SELECT \(self.key) FROM \(self.table) WHERE \(column) = \(SQLTypes.placeholder(1, dialect))"
        }
        let upsert = { (dialect: Dialect) -> String in
            var assignments = translator.writableFields.map { "\(SQLTypes.quote($0.name)) = excluded.\(SQLTypes.quote($0.name))" }
            if timestamps { assignments.append("\"updated_at\" = excluded.\"updated_at\"") }
            if translator.table.softDelete { assignments.append("\"deleted_at\" = NULL") }
            let insert = self.insert(dialect)
            let returning = " RETURNING \(selectColumns)"
            return String(insert.dropLast(returning.count)) + " ON CONFLICT (\(target)) DO UPDATE SET "
                + assignments.joined(separator: ", ") + returning
        }
        return [
            DialectStatementRenderModel(label: "upsert", sqlite: upsert(.sqlite), postgres: upsert(.postgres)),
            DialectStatementRenderModel(label: "upsertLookup", sqlite: lookup(.sqlite), postgres: lookup(.postgres)),
        ]
    }

    /// A hard delete, or on `softDelete` tables an update stamping `deleted_at` (in the same
    /// millisecond UTC text format as every timestamp on SQLite).
    func delete(_ dialect: Dialect) -> String {
        guard translator.table.softDelete else {
            return "DELETE FROM \(table) WHERE \(key) = \(SQLTypes.placeholder(1, dialect))"
        }
        let now = dialect == .sqlite ? "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')" : "now()"
        return "UPDATE \(table) SET \"deleted_at\" = \(now) WHERE \(key) = \(SQLTypes.placeholder(1, dialect))\(live)"
    }

    private func update(assignments: [String], keyPosition: Int, _ dialect: Dialect) -> String {
        let set = assignments.isEmpty ? "\(key) = \(key)" : assignments.joined(separator: ", ")
        return "UPDATE \(table) SET \(set) WHERE \(key) = \(SQLTypes.placeholder(keyPosition, dialect))\(live) RETURNING \(selectColumns)"
    }
}
