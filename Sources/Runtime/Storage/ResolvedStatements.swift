import QueryGrammar

/// A table's statements for the dialect in use, picked once at start-up.
struct ResolvedStatements: Sendable {
    let selectByID: ResolvedTemplate
    let lockByID: ResolvedTemplate
    let insert: ResolvedTemplate
    let replace: ResolvedTemplate
    let patch: ResolvedTemplate
    let delete: ResolvedTemplate
    /// `replace`, `patch` and `delete` guarded by the values an `If-Match` check read.
    let guardedReplace: ResolvedTemplate
    let guardedPatch: ResolvedTemplate
    let guardedDelete: ResolvedTemplate
    /// `upsert` and `upsertLookup` when the table declares an upsert key, with the key's field position.
    let upsert: (statement: ResolvedTemplate, lookup: ResolvedTemplate, fieldIndex: Int)?
    /// Clears `deleted_at` on `softDelete` tables.
    let restore: ResolvedTemplate?
    let listPrefix: String
    let countPrefix: String
    /// The quoted table name.
    let table: String
    /// Fields usable in `filter` and `sort`, resolved once.
    let columns: QueryColumns
    /// Record member positions by name, for `fields=`.
    let selectableMembers: FieldSelection.Members
    /// Relations `expand=` may name.
    let expansions: [String: Expansion]
    let dialect: SQLDialect
    let softDelete: Bool
    /// Server-owned members a write body may carry and that are dropped (empty when they are a 422).
    let ignoredMembers: Set<String>
    /// The full-text condition split around its placeholder.
    let search: (before: String, after: String)?
    /// Whether a relation of the table points at a table with row conditions, so written
    /// relation values must be checked against what the caller may see (decided once).
    let referencesScopedTables: Bool
    /// The table's tenant and owner conditions, which list statements composed here carry
    /// (the generated point statements carry them already); `nil` when the table has none.
    let access: RowAccess?

    init(_ table: TableDescriptor, dialect: SQLDialect) {
        let statements = table.statements
        access = table.access
        selectByID = statements.selectByID.resolved(for: dialect)
        lockByID = statements.lockByID.resolved(for: dialect)
        insert = statements.insert.resolved(for: dialect)
        replace = statements.replace.resolved(for: dialect)
        patch = statements.patch.resolved(for: dialect)
        delete = statements.delete.resolved(for: dialect)
        guardedReplace = statements.guarded.replace.resolved(for: dialect)
        guardedPatch = statements.guarded.patch.resolved(for: dialect)
        guardedDelete = statements.guarded.delete.resolved(for: dialect)
        if let key = table.upsertKey, let upsert = statements.upsert, let lookup = statements.upsertLookup,
           let index = table.fields.firstIndex(where: { $0.name == key }) {
            self.upsert = (upsert.resolved(for: dialect), lookup.resolved(for: dialect), index)
        } else {
            upsert = nil
        }
        restore = statements.restore?.resolved(for: dialect)
        listPrefix = "SELECT \(statements.selectColumns) FROM \(statements.table)"
        countPrefix = "SELECT COUNT(*) FROM \(statements.table)"
        self.table = statements.table
        columns = QueryColumns(table)
        selectableMembers = FieldSelection.members(of: table)
        expansions = Expansion.all(of: table)
        self.dialect = dialect
        softDelete = table.softDelete
        if table.ignoresServerOwnedFields {
            var names = Set(table.members)
            names.subtract(table.fields.filter { !$0.readOnly }.map(\.name))
            names.formUnion(table.access?.columns ?? [])
            ignoredMembers = names
        } else {
            ignoredMembers = []
        }
        if let condition = table.search?.text(for: dialect), let marker = condition.range(of: "{q}") {
            search = (String(condition[..<marker.lowerBound]), String(condition[marker.upperBound...]))
        } else {
            search = nil
        }
        referencesScopedTables = table.relations.contains { $0.target?().access != nil }
    }

    /// From this offset on, a SQLite page is read in two steps ("late row lookup"): the keys of
    /// the page's rows first (`SELECT rowid ... LIMIT ? OFFSET ?`, which an index holding the
    /// conditions' columns answers without visiting the table: a tenant index holds the rowid),
    /// then the page's rows by rowid. The one-step statement visits every skipped row's record
    /// (SQLite cannot defer that past `OFFSET` when it reads through an index). Measured on a
    /// 10,000-row organization-scoped table (Benchmarks/README.md, "Stop 34"): one step 17 µs at
    /// offset 0, 23 µs at 100, 65 µs at 1,000, 253 µs at 5,000; two steps 22, 22, 47 and 157 µs.
    /// Below this offset the single statement is as fast or faster. The rowid is named `_rowid_`,
    /// which no field can shadow (field names begin with a letter). PostgreSQL has no rowid an
    /// index-only scan could return, so it keeps the one-step statement.
    static let lateRowLookupOffset = 200

    /// The statements of a list request: the page (one row more than the limit, to know
    /// whether a next page exists), the count unless `count=none`, and the select-list
    /// positions of the sort keys for building `next_cursor`. Column names come from the
    /// generated descriptor; values only ever travel as binds.
    func list(_ query: ListQuery, caller: RowCaller = .unscoped) throws(APIError) -> ListStatements {
        var placeholders = PlaceholderSequence(dialect: dialect)
        var conditions: [String] = []
        var binds: [SQLValue] = []
        if let access {
            conditions.append(access.condition(&placeholders))
            binds += caller.binds
        }
        if softDelete {
            switch query.deleted {
            case .exclude: conditions.append("\"deleted_at\" IS NULL")
            case .only: conditions.append("\"deleted_at\" IS NOT NULL")
            case .include: break
            }
        }
        for filter in query.filters {
            conditions.append(filter.column + " = " + placeholders.next())
            binds.append(filter.value)
        }
        for comparison in query.comparisons {
            conditions.append(comparison.column + " " + comparison.comparison + " " + placeholders.next())
            binds.append(comparison.value)
        }
        if let text = query.search, let search {
            conditions.append(search.before + placeholders.next() + search.after)
            binds.append(.text(dialect == .sqlite ? SearchQuery.fts5(text) : text))
        }
        if let filter = query.filter {
            var renderer = FilterSQL(columns: columns, dialect: dialect, placeholders: placeholders, identity: caller.identity)
            conditions.append(try renderer.render(filter))
            placeholders = renderer.placeholders
            binds += renderer.binds
        }
        let filterWhere = Self.whereClause(conditions)
        let count = query.countTotal ? SQLStatement(countPrefix + filterWhere, binds) : nil
        let aggregate = query.aggregate.map { request in
            AggregateStatement(request: request, statement: SQLStatement(request.selectList(dialect) + " FROM " + table + filterWhere, binds))
        }
        // A count without a condition is SQLite's one-step b-tree count, and a full-text match
        // reads its index outside the steps: neither is bounded by a step budget.
        let boundedBySteps = query.search == nil && (count == nil || !conditions.isEmpty)
        // Bounded by steps but for a total of the whole table, which walks the table's pages.
        let countsWholeTable = query.search == nil && count != nil && conditions.isEmpty

        let keys = try sortKeys(query.sort)
        if let cursor = query.cursor {
            guard cursor.count == keys.count else {
                throw APIError.badRequest("The cursor does not fit this list.", fieldErrors: [.init(field: "cursor", message: "is not a cursor returned by this list with the same sort")])
            }
            conditions.append(keyset(keys, after: cursor, placeholders: &placeholders, binds: &binds))
        }
        let orderBy = " ORDER BY " + keys.map { key in
            "\(key.column.column) \(key.descending ? "DESC" : "ASC") NULLS \(key.nullsLast ? "LAST" : "FIRST")"
        }.joined(separator: ", ")
        let page = pageStatement(
            where: conditions, binds: binds, placeholders: placeholders, orderBy: orderBy, limit: query.limit, offset: query.offset)
        // A SQLite page may start at a row whose place the reading connection remembers
        // (`PageRead`): the same conditions, from that row's sort keys on. A first page has none
        // before it, but its look-ahead row is remembered for the second.
        var seek: ListStatements.Seek? = nil
        if dialect == .sqlite && (boundedBySteps || countsWholeTable) {
            let (pageConditions, pageBinds, pagePlaceholders) = (conditions, binds, placeholders)
            seek = ListStatements.Seek(shape: SQLStatement(table + Self.whereClause(conditions) + orderBy, binds)) { key, skip in
                var conditions = pageConditions
                var placeholders = pagePlaceholders
                var binds = pageBinds
                conditions.append(keyset(keys, after: key, inclusive: true, placeholders: &placeholders, binds: &binds))
                return pageStatement(
                    where: conditions, binds: binds, placeholders: placeholders, orderBy: orderBy, limit: query.limit, offset: skip)
            }
        }
        let expanded = try resolveExpansions(query.expand)
        return ListStatements(
            page: page, count: count, cursorIndexes: keys.map(\.column.selectIndex), expansions: expanded, dialect: dialect,
            identity: caller.identity, boundedBySteps: boundedBySteps, countsWholeTable: countsWholeTable, limit: query.limit,
            offset: query.offset, seek: seek, aggregate: aggregate)
    }

    /// The page statement: `limit + 1` rows (the look-ahead row tells whether a next page exists)
    /// after skipping `offset`; on SQLite from `lateRowLookupOffset` on in two steps.
    private func pageStatement(
        where conditions: [String], binds: [SQLValue], placeholders: PlaceholderSequence, orderBy: String, limit: Int, offset: Int
    ) -> SQLStatement {
        var placeholders = placeholders
        let pageWhere = Self.whereClause(conditions)
        let limitText = " LIMIT " + placeholders.next() + " OFFSET " + placeholders.next()
        let pageText =
            dialect == .sqlite && offset >= Self.lateRowLookupOffset
            ? listPrefix + " WHERE " + table + "._rowid_ IN (SELECT _rowid_ FROM " + table + pageWhere + orderBy + limitText + ")" + orderBy
            : listPrefix + pageWhere + orderBy + limitText
        return SQLStatement(pageText, binds + [.integer(Int64(limit) + 1), .integer(Int64(offset))])
    }

    /// ` WHERE <conditions joined by AND>`, or nothing without conditions.
    private static func whereClause(_ conditions: [String]) -> String {
        conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
    }

    /// The expansions `expand=` names, each after the path it extends (added when not named),
    /// checked against the table's relations and the depth and width limits.
    private func resolveExpansions(_ names: [String]) throws(APIError) -> [Expansion] {
        func invalid(_ message: String) -> APIError {
            APIError.badRequest("The expansion is invalid.", fieldErrors: [.init(field: "expand", message: message)])
        }
        var expanded: [Expansion] = []
        var seen = Set<String>()
        for name in names {
            guard let expansion = expansions[name] else {
                let direct = expansions.values.filter { $0.parent == nil }.map(\.name).sorted().joined(separator: ", ")
                throw invalid("'\(name.prefix(60))' is not a relation path of this table (up to \(Expansion.maximumDepth) steps joined by '.'); relations: \(direct.isEmpty ? "none" : direct)")
            }
            guard seen.insert(name).inserted else { throw invalid("\(name) appears more than once") }
            var chain = [expansion]
            while let parent = chain[0].parent, let step = expansions[parent], !expanded.contains(where: { $0.name == parent }) {
                chain.insert(step, at: 0)
            }
            expanded += chain.filter { step in !expanded.contains { $0.name == step.name } }
        }
        guard expanded.count <= Expansion.maximumPaths else {
            throw invalid("names \(expanded.count) paths (with the paths they extend); at most \(Expansion.maximumPaths)")
        }
        return expanded
    }

    /// A resolved sort key.
    struct ResolvedSortKey: Sendable {
        let column: QueryColumns.Column
        let descending: Bool
        let nullsLast: Bool
    }

    /// The requested keys (each must be a sortable field) and the primary key as a tiebreak,
    /// so the order is total and cursors are exact. A field named again adds nothing (its first
    /// occurrence already decides the order), so it is left out rather than refused.
    private func sortKeys(_ sort: [SortKey]) throws(APIError) -> [ResolvedSortKey] {
        var keys: [ResolvedSortKey] = []
        var used = Set<String>()
        for key in sort {
            guard let column = columns.sortColumns[key.field] else {
                throw APIError.badRequest("The sort is invalid.", fieldErrors: [.init(field: "sort", message: "\(key.field) is not a sortable field; allowed: \(columns.sortableNames)")])
            }
            guard used.insert(key.field).inserted else { continue }
            keys.append(ResolvedSortKey(column: column, descending: key.descending, nullsLast: key.effectiveNulls == .last))
        }
        if !used.contains(columns.primaryKey.name) {
            keys.append(ResolvedSortKey(column: columns.primaryKey, descending: false, nullsLast: true))
        }
        return keys
    }

    /// Rows strictly after the cursor row in the sort order: for some key i, every earlier key
    /// equals the cursor's value and key i comes after it (nulls placed as the key says).
    /// `inclusive`: the cursor row too (the last key may also equal its value).
    private func keyset(
        _ keys: [ResolvedSortKey], after values: [SQLValue], inclusive: Bool = false, placeholders: inout PlaceholderSequence,
        binds: inout [SQLValue]
    ) -> String {
        var alternatives: [String] = []
        for index in keys.indices {
            var terms: [String] = []
            for earlier in 0..<index {
                let column = keys[earlier].column.column
                if values[earlier] == .null {
                    terms.append("\(column) IS NULL")
                } else {
                    terms.append("\(column) = \(placeholders.next())")
                    binds.append(values[earlier])
                }
            }
            let key = keys[index]
            let column = key.column.column
            let orEqual = inclusive && index == keys.count - 1
            let comparison = (key.descending ? "<" : ">") + (orEqual ? "=" : "")
            // The key column is never null, so its comparison needs no null branch.
            let nullable = column != columns.primaryKey.column
            switch (values[index] == .null, key.nullsLast && nullable) {
            case (true, true): terms.append(orEqual ? "\(column) IS NULL" : "1 = 0")
            case (true, false): terms.append(orEqual ? "1 = 1" : "\(column) IS NOT NULL")
            case (false, true):
                terms.append("(\(column) \(comparison) \(placeholders.next()) OR \(column) IS NULL)")
                binds.append(values[index])
            case (false, false):
                terms.append("\(column) \(comparison) \(placeholders.next())")
                binds.append(values[index])
            }
            alternatives.append("(" + terms.joined(separator: " AND ") + ")")
        }
        return "(" + alternatives.joined(separator: " OR ") + ")"
    }
}

/// The SQL of one list request.
struct ListStatements {
    /// The page, fetching `limit + 1` rows.
    let page: SQLStatement
    /// `COUNT(*)` of all matching rows, unless the client asked for `count=none`.
    let count: SQLStatement?
    /// Select-list positions of the sort keys (primary key last), read from the last row for `next_cursor`.
    let cursorIndexes: [Int]
    /// Relations to side-load, each one more statement in the same snapshot.
    let expansions: [Expansion]
    /// For the placeholders and binds of the expansions' access conditions.
    let dialect: SQLDialect
    /// The caller, whose tenant and user the expansions' access conditions bind.
    let identity: Identity?
    /// Whether SQLite counts all their work in virtual machine steps
    /// (`DatabaseClient.fetchSnapshot(_:boundedBySteps:)`).
    let boundedBySteps: Bool
    /// Whether they are, but for the count, a `COUNT(*)` without a condition (`PageRead.countsWholeTable`).
    var countsWholeTable: Bool = false
    /// The requested page size (the page statement fetches one row more).
    var limit: Int = 0
    /// The requested offset.
    var offset: Int = 0
    /// How the page may start at a known row (SQLite, bounded).
    var seek: Seek? = nil
    /// `aggregate=`'s figures over the matching rows, read after the expansions.
    var aggregate: AggregateStatement? = nil

    /// The page's start at a known row: what names its ordered rows, and its statement from a
    /// row's sort keys (that row included) skipping `skip` rows.
    struct Seek: Sendable {
        let shape: SQLStatement
        let page: @Sendable (_ key: [SQLValue], _ skip: Int) -> SQLStatement
    }

    /// Every statement, in the order the results are read: page, expansions, aggregate, count.
    var all: [SQLStatement] { statements(page: page) }

    /// What `DatabaseClient.fetchPage` reads: `all`, and how to start the page at a known row.
    var read: PageRead {
        let lists = self
        return PageRead(
            statements: all, boundedBySteps: boundedBySteps,
            seek: seek.map { seek in
                PageSeek(
                    shape: seek.shape, offset: offset, fetched: limit + 1, keyIndexes: cursorIndexes,
                    statements: { key, skip in lists.statements(page: seek.page(key, skip)) })
            },
            total: dialect == .sqlite ? count : nil, countsWholeTable: countsWholeTable)
    }

    /// `page` (or a page statement in its place), its expansions, the aggregate and the count.
    private func statements(page: SQLStatement) -> [SQLStatement] {
        // Expansions select from exactly the rows returned: the page without its look-ahead row.
        var returned = page
        if let limit = returned.binds.indices.dropLast().last, case .integer(let value) = returned.binds[limit] {
            returned.binds[limit] = .integer(value - 1)
        }
        return [page] + expansions.map { $0.statement(for: returned, dialect: dialect, identity: identity) }
            + (aggregate.map { [$0.statement] } ?? []) + (count.map { [$0] } ?? [])
    }

}

/// Produces positional placeholders: `?` for SQLite, `$1, $2, ...` for PostgreSQL.
public struct PlaceholderSequence: Sendable {
    private let dialect: SQLDialect
    private var position = 0
    /// Starts at the first placeholder.
    public init(dialect: SQLDialect) { self.dialect = dialect }
    /// Continues a statement that already has `count` placeholders.
    public init(dialect: SQLDialect, after count: Int) {
        self.dialect = dialect
        position = count
    }
    /// The next placeholder.
    public mutating func next() -> String {
        position += 1
        return dialect == .sqlite ? "?" : "$\(position)"
    }

    /// The next `count` placeholders separated by commas, for an `IN (...)` list or a `VALUES`
    /// row.
    public mutating func list(_ count: Int) -> String {
        (0..<count).map { _ in next() }.joined(separator: ", ")
    }

    /// `sql`, written with `?` placeholders, with each in `dialect`'s form (`$1`, `$2`, ... on
    /// PostgreSQL). For fixed statement text a module writes itself, never request input, and
    /// with no `?` inside a string literal, so the rewrite is exact.
    public static func render(_ sql: String, for dialect: SQLDialect) -> String {
        guard dialect == .postgres else { return sql }
        var placeholders = PlaceholderSequence(dialect: dialect)
        var text = ""
        text.reserveCapacity(sql.utf8.count + 8)
        for character in sql {
            if character == "?" { text += placeholders.next() } else { text.append(character) }
        }
        return text
    }
}
