/// `expand=project_id`: the records a page's relation fields point at, fetched by one
/// statement per expanded relation inside the page's snapshot (never one query per row).
///
/// Related records are side-loaded once each under `expand.<field>.<key>`, so a project that
/// fifty tasks share is sent once.
struct Expansion: Sendable {
    /// Relation field name.
    let field: String
    /// `SELECT <related columns> FROM <related> WHERE <key> IN (SELECT <field> FROM (`.
    let prefix: String
    /// Position of the related key in the related select list.
    let keyIndex: Int
    /// Writes one related row as JSON.
    let write: @Sendable (SQLRow, inout JSONWriter) throws -> Void

    /// The expandable relations of `table`, by field name.
    static func all(of table: TableDescriptor) -> [String: Expansion] {
        var result: [String: Expansion] = [:]
        for check in table.relations {
            guard let target = check.target?(), let write = check.writeTarget else { continue }
            let field = table.fields[check.fieldIndex].name
            let related = target.statements
            let selectList = related.selectColumns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            result[field] = Expansion(
                field: field,
                prefix: "SELECT \(related.selectColumns) FROM \(related.table) WHERE \(related.primaryKeyColumn) IN (SELECT \"\(field)\" FROM (",
                keyIndex: selectList.firstIndex(of: related.primaryKeyColumn) ?? 0,
                write: write)
        }
        return result
    }

    /// The statement fetching the related rows of the page `page`.
    func statement(for page: SQLStatement) -> SQLStatement {
        SQLStatement(prefix + page.sql + ") AS loom_page)", page.binds)
    }

    /// Writes `"<field>": {"<key>": {...}, ...}`.
    func write(_ rows: [SQLRow], to writer: inout JSONWriter) throws {
        writer.key(field)
        writer.beginObject()
        for row in rows {
            writer.key(Self.keyText(row.values[keyIndex]))
            try write(row, &writer)
        }
        writer.endObject()
    }

    private static func keyText(_ value: SQLValue) -> String {
        switch value {
        case .uuid(let uuid): return uuid.uuidString.lowercased()
        case .integer(let integer): return String(integer)
        case .text(let text): return text
        default: return ""
        }
    }
}
