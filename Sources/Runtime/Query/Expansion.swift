/// `expand=project_id,comments`: records related to a page, fetched by one statement per
/// expanded relation inside the page's snapshot (never one query per row).
///
/// - A relation field of this table (`project_id`) side-loads each referenced record once under
///   `expand.project_id.<key>`, so a project that fifty tasks share is sent once.
/// - A relation of another table pointing here (`comments`, through `comments.task_id`) lists
///   the referencing records per record of the page under `expand.comments.<key of this record>`,
///   in key order, skipping soft-deleted ones.
struct Expansion: Sendable {
    /// Name in `expand=`.
    let name: String
    /// SQL before the page statement is spliced in as a subquery.
    let prefix: String
    /// SQL after it.
    let suffix: String
    /// Position of the column keying the output: the related key (forward) or the relation field (reverse).
    let keyIndex: Int
    /// Whether several rows share a key (reverse relations), written as arrays.
    let grouped: Bool
    /// Writes one related row as JSON.
    let write: @Sendable (SQLRow, inout JSONWriter) throws -> Void

    /// The expandable relations of `table`, by name; forward relations win a name clash.
    static func all(of table: TableDescriptor) -> [String: Expansion] {
        var result: [String: Expansion] = [:]
        let ownKey = table.statements.primaryKeyColumn
        for reverse in table.reverseRelations {
            let target = reverse.target()
            let related = target.statements
            let field = "\"\(reverse.field)\""
            let live = target.softDelete ? " AND \"deleted_at\" IS NULL" : ""
            result[reverse.name] = Expansion(
                name: reverse.name,
                prefix: "SELECT \(related.selectColumns) FROM \(related.table) WHERE \(field) IN (SELECT \(ownKey) FROM (",
                suffix: ") AS loom_page)\(live) ORDER BY \(related.primaryKeyColumn)",
                keyIndex: position(of: field, in: related.selectColumns),
                grouped: true,
                write: reverse.writeTarget)
        }
        for check in table.relations {
            guard let target = check.target?(), let write = check.writeTarget else { continue }
            let field = table.fields[check.fieldIndex].name
            let related = target.statements
            result[field] = Expansion(
                name: field,
                prefix: "SELECT \(related.selectColumns) FROM \(related.table) WHERE \(related.primaryKeyColumn) IN (SELECT \"\(field)\" FROM (",
                suffix: ") AS loom_page)",
                keyIndex: position(of: related.primaryKeyColumn, in: related.selectColumns),
                grouped: false,
                write: write)
        }
        return result
    }

    private static func position(of column: String, in selectColumns: String) -> Int {
        selectColumns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.firstIndex(of: column) ?? 0
    }

    /// The statement fetching the related rows of the page `page`.
    func statement(for page: SQLStatement) -> SQLStatement {
        SQLStatement(prefix + page.sql + suffix, page.binds)
    }

    /// Writes `"<name>": {"<key>": {...}}` (forward) or `"<name>": {"<key>": [{...}, ...]}` (reverse).
    func write(_ rows: [SQLRow], to writer: inout JSONWriter) throws {
        writer.key(name)
        writer.beginObject()
        if grouped {
            var order: [String] = []
            var groups: [String: [SQLRow]] = [:]
            for row in rows {
                let key = row.values[keyIndex].keyText
                if groups[key] == nil { order.append(key) }
                groups[key, default: []].append(row)
            }
            for key in order {
                writer.key(key)
                writer.beginArray()
                for row in groups[key] ?? [] { try write(row, &writer) }
                writer.endArray()
            }
        } else {
            for row in rows {
                writer.key(row.values[keyIndex].keyText)
                try write(row, &writer)
            }
        }
        writer.endObject()
    }
}
