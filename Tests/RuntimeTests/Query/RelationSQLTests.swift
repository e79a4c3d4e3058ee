import QueryGrammar
import Testing

@testable import Runtime

/// SQL of relation paths and expansions, for tables where the related one is
/// soft-deleted (tracker has no relation pointing at a soft-delete table, so these are checked here).
struct RelationSQLTests {
    static let rules: [FieldRule] = [FieldRule("name", .string(pattern: nil))]
    static func statements(_ table: String, columns: String) -> TableStatements {
        .listOnly(table: "\"\(table)\"", selectColumns: columns)
    }
    /// A soft-delete parent.
    static let parent: TableDescriptor = TableDescriptor(
        name: "parents", path: "/parents", primaryKeyName: "id", primaryKeyKind: .integer, timestamps: false, fields: rules,
        members: ["id", "name", "deleted_at"], filters: [FilterColumn(name: "name", rule: rules[0], column: #""name""#)], relations: [],
        statements: statements("parents", columns: #""id", "name", "deleted_at""#), softDelete: true,
        reverseRelations: [ReverseRelation(name: "children", field: "parent_id", target: { child }, writeTarget: { _, writer in writer.null() })])
    static let childRules: [FieldRule] = [FieldRule("parent_id", .relation(.integer)), FieldRule("name", .string(pattern: nil))]
    static let child: TableDescriptor = TableDescriptor(
        name: "children", path: "/children", primaryKeyName: "id", primaryKeyKind: .integer, timestamps: false, fields: childRules,
        members: ["id", "parent_id", "name"], filters: childRules.map { FilterColumn(name: $0.name, rule: $0, column: "\"\($0.name)\"") },
        relations: [RelationCheck(fieldIndex: 0, table: "parents", exists: .init(sqlite: "", postgres: ""), target: { parent }, writeTarget: { _, writer in writer.null() })],
        statements: statements("children", columns: #""id", "parent_id", "name""#))

    private func list(_ filter: String? = nil, expand: [String] = [], dialect: SQLDialect = .sqlite) throws -> ListStatements {
        var query = ListQuery(limit: 10, offset: 0, filters: [], filter: try filter.map { try FilterParser.parse($0) })
        query.expand = expand
        return try ResolvedStatements(Self.child, dialect: dialect).list(query)
    }

    @Test func relationPathSkipsSoftDeletedTargets() throws {
        let page = try list("parent_id.name = 'x'").page
        #expect(page.sql.contains(#""parent_id" IN (SELECT "id" FROM "parents" WHERE "name" = ? AND "deleted_at" IS NULL)"#), "\(page.sql)")
    }

    @Test func forwardExpansionSkipsSoftDeletedTargets() throws {
        let statements = try list(expand: ["parent_id"]).all
        #expect(statements.count == 3)
        #expect(statements[1].sql.hasSuffix(#") AS loom_page) AND "deleted_at" IS NULL ORDER BY "id""#), "\(statements[1].sql)")
    }

    @Test func nestedExpansionNestsTheParentStatement() throws {
        let statements = try list(expand: ["parent_id.children"], dialect: .postgres).all
        #expect(statements.count == 4, "page, parent_id (added), parent_id.children, count")
        let nested = statements[2].sql
        #expect(nested.hasPrefix(#"SELECT "id", "parent_id", "name" FROM (SELECT "id", "parent_id", "name", ROW_NUMBER() OVER (PARTITION BY "parent_id" ORDER BY "id") AS loom_rank FROM "children" WHERE "parent_id" IN (SELECT "id" FROM (SELECT "id", "name", "deleted_at" FROM "parents" WHERE "id" IN (SELECT "parent_id" FROM (SELECT "#), "\(nested)")
        #expect(nested.hasSuffix(#"AS loom_ranked WHERE loom_rank <= 100 ORDER BY "id""#))
        #expect(statements[2].binds == statements[1].binds, "no binds of its own: the page's, once")
        #expect(throws: APIError.self) { try list(expand: ["parent_id.children.parent_id.children"]) }
    }

    @Test("from lateRowLookupOffset on, a SQLite page reads its rowids first; PostgreSQL and shallower pages use one statement")
    func deepPagesReadRowidsFirst() throws {
        func page(offset: Int, dialect: SQLDialect) throws -> SQLStatement {
            let query = ListQuery(limit: 10, offset: offset, filters: [], filter: try FilterParser.parse("name = 'x'"))
            return try ResolvedStatements(Self.child, dialect: dialect).list(query).page
        }
        let deep = ResolvedStatements.lateRowLookupOffset
        let shallow = try page(offset: deep - 1, dialect: .sqlite)
        #expect(shallow.sql == #"SELECT "id", "parent_id", "name" FROM "children" WHERE "name" = ? ORDER BY "id" ASC NULLS LAST LIMIT ? OFFSET ?"#)
        let twoSteps = try page(offset: deep, dialect: .sqlite)
        #expect(twoSteps.sql == #"SELECT "id", "parent_id", "name" FROM "children" WHERE "children"._rowid_ IN (SELECT _rowid_ FROM "children" WHERE "name" = ? ORDER BY "id" ASC NULLS LAST LIMIT ? OFFSET ?) ORDER BY "id" ASC NULLS LAST"#)
        #expect(twoSteps.binds == shallow.binds.dropLast() + [.integer(Int64(deep))], "the same binds in the same order")
        #expect(try page(offset: deep, dialect: .postgres).sql.contains("rowid") == false)
    }

    @Test("a list is bounded by steps unless it counts without a condition or matches full text")
    func boundedBySteps() throws {
        func statements(filter: String?, count: Bool) throws -> ListStatements {
            var query = ListQuery(limit: 10, offset: 0, filters: [], filter: try filter.map { try FilterParser.parse($0) })
            query.countTotal = count
            return try ResolvedStatements(Self.child, dialect: .sqlite).list(query)
        }
        #expect(try statements(filter: nil, count: true).boundedBySteps == false, "COUNT(*) of the whole table")
        #expect(try statements(filter: nil, count: false).boundedBySteps)
        #expect(try statements(filter: "name = 'x'", count: true).boundedBySteps)
        #expect(try ResolvedStatements(Self.parent, dialect: .sqlite).list(ListQuery(limit: 10, offset: 0, filters: [])).boundedBySteps,
            "soft delete's condition: a counted scan")
        var searching = ListQuery(limit: 10, offset: 0, filters: [])
        searching.search = "word"
        searching.countTotal = false
        #expect(try ResolvedStatements(Self.child, dialect: .sqlite).list(searching).boundedBySteps == false, "full-text match")
    }
}
