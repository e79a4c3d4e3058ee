import SchemaModel

/// Builds a table's point statements per dialect, each with its bind slots: scoped by the
/// table's tenant and owner conditions, limited to live rows on soft-delete tables, and
/// returning the row in select-list order wherever a row changes. The runtime fills the slots
/// and never edits these texts.
struct StatementBuilder {
    let translator: TableTranslator
    let selectColumns: String

    private var table: String { translator.quotedTable }
    private var key: String { SQLTypes.quote(translator.primaryKey) }
    private var schema: TableSchema { translator.table }
    private var returning: String { " RETURNING \(selectColumns)" }

    /// Every statement of the table, in the order of `TableStatements.init` (optional ones only when present).
    func statements() -> [StatementRenderModel] {
        var result = [
            model("selectByID") { selectByID(&$0) },
            model("lockByID") { sql in selectByID(&sql) + (sql.dialect == .postgres ? " FOR UPDATE" : "") },
            model("insert") { insert(&$0) },
            model("replace") { replace(&$0, guarded: false) },
            model("patch") { patch(&$0, guarded: false) },
            model("delete") { delete(&$0, guarded: false) },
        ]
        if schema.softDelete { result.append(model("restore") { restore(&$0) }) }
        if let keyField = schema.upsertKey, let index = schema.fields.firstIndex(where: { $0.name == keyField }) {
            result.append(model("upsert") { upsert(&$0) })
            result.append(model("upsertLookup") { sql in
                "SELECT \(key) FROM \(table) WHERE \(SQLTypes.quote(keyField)) = \(sql.bind(.value(index)))" + access(&sql)
            })
        }
        return result
    }

    /// The `If-Match` forms of replace, patch and delete.
    func guardedStatements() -> [StatementRenderModel] {
        [
            model("replace") { replace(&$0, guarded: true) },
            model("patch") { patch(&$0, guarded: true) },
            model("delete") { delete(&$0, guarded: true) },
        ]
    }

    private func selectByID(_ sql: inout SlottedSQL) -> String {
        "SELECT \(selectColumns) FROM \(table)" + whereKey(&sql, live: true)
    }

    private func insert(_ sql: inout SlottedSQL) -> String {
        var columns: [String] = []
        var values: [String] = []
        func add(_ column: String, _ slot: StatementSlot) {
            columns.append(SQLTypes.quote(column))
            values.append(sql.bind(slot))
        }
        if schema.primaryKey.type != .integer { add(translator.primaryKey, .key) }
        for (index, field) in schema.fields.enumerated() { add(field.name, .value(index)) }
        if schema.timestamps {
            add("created_at", .now)
            add("updated_at", .now)
        }
        for (column, slot) in accessColumns { add(column, slot) }
        let valuesClause = columns.isEmpty ? "DEFAULT VALUES" : "(\(columns.joined(separator: ", "))) VALUES (\(values.joined(separator: ", ")))"
        return "INSERT INTO \(table) \(valuesClause)" + returning
    }

    /// Every writable column.
    private func replace(_ sql: inout SlottedSQL, guarded: Bool) -> String {
        var assignments: [String] = []
        for (index, field) in schema.fields.enumerated() where !field.readOnly {
            assignments.append("\(SQLTypes.quote(field.name)) = \(sql.bind(.value(index)))")
        }
        return update(assignments, &sql, guarded: guarded)
    }

    /// Each declared column is set only when its flag is true; one fixed statement serves every
    /// combination of fields a PATCH may send. Read-only columns are included for server code
    /// (typed stores); a client's PATCH never sets their flags.
    private func patch(_ sql: inout SlottedSQL, guarded: Bool) -> String {
        var assignments: [String] = []
        for (index, field) in schema.fields.enumerated() {
            let column = SQLTypes.quote(field.name)
            assignments.append("\(column) = CASE WHEN \(sql.bind(.isSet(index))) THEN \(sql.bind(.value(index))) ELSE \(column) END")
        }
        return update(assignments, &sql, guarded: guarded)
    }

    private func update(_ assignments: [String], _ sql: inout SlottedSQL, guarded: Bool) -> String {
        var assignments = assignments
        if schema.timestamps { assignments.append("\"updated_at\" = \(sql.bind(.now))") }
        let set = assignments.isEmpty ? "\(key) = \(key)" : assignments.joined(separator: ", ")
        return "UPDATE \(table) SET \(set)" + whereKey(&sql, live: true, guarded: guarded) + returning
    }

    /// A hard delete, or on `softDelete` tables an update stamping `deleted_at` (in the same
    /// millisecond UTC text format as every timestamp on SQLite); both return the row.
    private func delete(_ sql: inout SlottedSQL, guarded: Bool) -> String {
        guard schema.softDelete else {
            return "DELETE FROM \(table)" + whereKey(&sql, live: false, guarded: guarded) + returning
        }
        let now = sql.dialect == .sqlite ? "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')" : "now()"
        return "UPDATE \(table) SET \"deleted_at\" = \(now)" + whereKey(&sql, live: true, guarded: guarded) + returning
    }

    private func restore(_ sql: inout SlottedSQL) -> String {
        "UPDATE \(table) SET \"deleted_at\" = NULL WHERE \(key) = \(sql.bind(.key)) AND \"deleted_at\" IS NOT NULL" + access(&sql) + returning
    }

    /// With an `upsertKey`: the insert that replaces the writable fields of the record already
    /// holding the key value (bound like `insert`). On a tenant table the key is unique per
    /// tenant, and so is the conflict target.
    private func upsert(_ sql: inout SlottedSQL) -> String {
        let target = ((schema.tenant?.columns ?? []) + [schema.upsertKey ?? ""]).map(SQLTypes.quote).joined(separator: ", ")
        var assignments = translator.writableFields.map { "\(SQLTypes.quote($0.name)) = excluded.\(SQLTypes.quote($0.name))" }
        if schema.timestamps { assignments.append("\"updated_at\" = excluded.\"updated_at\"") }
        if schema.softDelete { assignments.append("\"deleted_at\" = NULL") }
        let insert = self.insert(&sql)
        return String(insert.dropLast(returning.count)) + " ON CONFLICT (\(target)) DO UPDATE SET "
            + assignments.joined(separator: ", ") + returning
    }

    /// ` WHERE <key> = ?` with the live-row condition, the access conditions and, for guarded
    /// writes, every member's previous value.
    private func whereKey(_ sql: inout SlottedSQL, live: Bool, guarded: Bool = false) -> String {
        var clause = " WHERE \(key) = \(sql.bind(.key))"
        if live, schema.softDelete { clause += " AND \"deleted_at\" IS NULL" }
        clause += access(&sql)
        if guarded {
            for (index, column) in translator.columnNames.enumerated() {
                let quoted = SQLTypes.quote(column)
                let test = sql.dialect == .sqlite ? "IS" : "IS NOT DISTINCT FROM"
                clause += " AND \(quoted) \(test) \(sql.bind(.previous(index)))"
            }
        }
        return clause
    }

    /// ` AND "organization_id" = ? [AND "project_id" = ?] [AND ("<owner>" = ? OR ?)]`: the same
    /// condition, in the same order, as `Runtime.RowAccess.condition` builds for composed
    /// statements (`StatementDriftTests` holds the two together).
    private func access(_ sql: inout SlottedSQL) -> String {
        var clause = ""
        if schema.tenant != nil { clause += " AND \"organization_id\" = \(sql.bind(.organization))" }
        if schema.tenant == .project { clause += " AND \"project_id\" = \(sql.bind(.project))" }
        if let owner = schema.owner {
            clause += " AND (\(SQLTypes.quote(owner.field)) = \(sql.bind(.owner)) OR \(sql.bind(.ownerExempt)))"
        }
        return clause
    }

    /// The access columns an insert fills, with their slots.
    private var accessColumns: [(String, StatementSlot)] {
        var columns: [(String, StatementSlot)] = []
        if schema.tenant != nil { columns.append(("organization_id", .organization)) }
        if schema.tenant == .project { columns.append(("project_id", .project)) }
        if let owner = schema.owner { columns.append((owner.field, .owner)) }
        return columns
    }

    /// Renders `build` once per dialect; the slots are the same for both by construction.
    private func model(_ label: String, _ build: (inout SlottedSQL) -> String) -> StatementRenderModel {
        var sqlite = SlottedSQL(dialect: .sqlite)
        var postgres = SlottedSQL(dialect: .postgres)
        let sqliteText = build(&sqlite)
        let postgresText = build(&postgres)
        precondition(sqlite.slots == postgres.slots, "statement \(label) binds different slots per dialect")
        return StatementRenderModel(
            label: label, sqlite: SwiftNames.literal(sqliteText), postgres: SwiftNames.literal(postgresText),
            slots: sqlite.slots.map(\.swift).joined(separator: ", "))
    }
}
