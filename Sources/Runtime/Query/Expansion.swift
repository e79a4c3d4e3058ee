/// `expand=project_id,comments,project_id.tasks`: records related to a page, fetched by one
/// statement per expanded path inside the page's snapshot (never one query per row).
///
/// - A relation field of this table (`project_id`) side-loads each referenced record once under
///   `expand.project_id.<key>`, so a project that fifty tasks share is sent once. Soft-deleted
///   referenced records are left out.
/// - A relation of another table pointing here (`comments`, through `comments.task_id`) lists
///   the referencing records per record of the page under `expand.comments.<key of this record>`,
///   in key order, skipping soft-deleted ones, at most `perParentLimit` per record.
/// - A dotted path (`comments.task_id`, `project_id.tasks`) expands a relation of the records an
///   earlier step loaded, up to `maximumDepth` steps; its statement nests the parent's statement
///   as a subquery, so each path is still one statement whatever the page size.
struct Expansion: Sendable {
    /// Most relation steps in one path (`a.b.c` is three).
    static let maximumDepth = 3
    /// Most paths one request may expand, counting the parents a dotted path adds.
    static let maximumPaths = 8
    /// Most referencing records listed per parent record of a reverse (one-to-many) step.
    static let perParentLimit = 100

    /// Path in `expand=` and key of the output under `"expand"`.
    let name: String
    /// The path this one extends (`project_id` for `project_id.tasks`), expanded before it.
    let parent: String?
    /// SQL before the page statement is spliced in as a subquery.
    let prefix: String
    /// SQL after it: text pieces, each followed by the access condition of the table it reads
    /// (placeholders numbered at request time, after the page's own).
    let suffix: [(text: String, access: RowAccess?)]
    /// Position of the column keying the output: the related key (forward) or the relation field (reverse).
    let keyIndex: Int
    /// Whether several rows share a key (reverse relations), written as arrays.
    let grouped: Bool
    /// Writes one related row as JSON.
    let write: @Sendable (SQLRow, inout JSONWriter) throws -> Void

    /// Every expandable path of `table` up to `maximumDepth` steps, by name; computed once per
    /// table at start-up. A one-step name wins over a dotted path spelled the same way.
    static func all(of table: TableDescriptor) -> [String: Expansion] {
        var result: [String: Expansion] = [:]
        var frontier = steps(of: table)
        for (name, step) in frontier { result[name] = step.expansion }
        for _ in 1..<maximumDepth {
            var next: [String: Step] = [:]
            for (name, step) in frontier.sorted(by: { $0.key < $1.key }) {
                for (childName, child) in steps(of: step.target) {
                    let path = name + "." + childName
                    guard result[path] == nil, next[path] == nil else { continue }
                    next[path] = Step(expansion: child.expansion.nested(under: step.expansion, name: path), target: child.target)
                }
            }
            for (name, step) in next { result[name] = step.expansion }
            frontier = next
        }
        return result
    }

    /// An expansion and the table whose rows it loads.
    private struct Step {
        let expansion: Expansion
        let target: TableDescriptor
    }

    /// The one-step expansions of `table`; forward relations win a name clash.
    private static func steps(of table: TableDescriptor) -> [String: Step] {
        var result: [String: Step] = [:]
        let ownKey = table.statements.primaryKeyColumn
        for reverse in table.reverseRelations {
            let target = reverse.target()
            let related = target.statements
            let field = "\"\(reverse.field)\""
            let live = target.softDelete ? " AND \"deleted_at\" IS NULL" : ""
            let access = target.access
            // ROW_NUMBER per parent caps what one busy parent can add to the response.
            let ranked = "SELECT \(related.selectColumns), ROW_NUMBER() OVER (PARTITION BY \(field) ORDER BY \(related.primaryKeyColumn)) AS loom_rank"
            let expansion = Expansion(
                name: reverse.name, parent: nil,
                prefix: "SELECT \(related.selectColumns) FROM (\(ranked) FROM \(related.table) WHERE \(field) IN (SELECT \(ownKey) FROM (",
                suffix: [
                    (") AS loom_page)\(live)", access),
                    (") AS loom_ranked WHERE loom_rank <= \(perParentLimit) ORDER BY \(related.primaryKeyColumn)", nil),
                ],
                keyIndex: position(of: field, in: related.selectColumns),
                grouped: true,
                write: reverse.writeTarget)
            result[reverse.name] = Step(expansion: expansion, target: target)
        }
        for check in table.relations {
            guard let target = check.target?(), let write = check.writeTarget else { continue }
            let field = table.fields[check.fieldIndex].name
            let column = table.column(ofField: check.fieldIndex)
            let related = target.statements
            let live = target.softDelete ? " AND \"deleted_at\" IS NULL" : ""
            let expansion = Expansion(
                name: field, parent: nil,
                prefix: "SELECT \(related.selectColumns) FROM \(related.table) WHERE \(related.primaryKeyColumn) IN (SELECT \"\(column)\" FROM (",
                suffix: [(") AS loom_page)\(live)", target.access), (" ORDER BY \(related.primaryKeyColumn)", nil)],
                keyIndex: position(of: related.primaryKeyColumn, in: related.selectColumns),
                grouped: false,
                write: write)
            result[field] = Step(expansion: expansion, target: target)
        }
        return result
    }

    /// This step applied to the rows `parent` loads: the parent's statement takes the page's place.
    private func nested(under parent: Expansion, name: String) -> Expansion {
        Expansion(
            name: name, parent: parent.name, prefix: prefix + parent.prefix, suffix: parent.suffix + suffix,
            keyIndex: keyIndex, grouped: grouped, write: write)
    }

    private static func position(of column: String, in selectColumns: String) -> Int {
        selectColumns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.firstIndex(of: column) ?? 0
    }

    /// The statement fetching the related rows of the page `page` that `identity` may read.
    func statement(for page: SQLStatement, dialect: SQLDialect, identity: Identity?) -> SQLStatement {
        var sql = prefix + page.sql
        var binds = page.binds
        var placeholders = PlaceholderSequence(dialect: dialect, after: page.binds.count)
        for piece in suffix {
            sql += piece.text
            if let access = piece.access {
                sql += " AND " + access.condition(&placeholders)
                binds += access.binds(identity)
            }
        }
        return SQLStatement(sql, binds)
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
