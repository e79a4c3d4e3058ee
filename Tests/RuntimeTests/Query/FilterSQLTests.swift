import QueryGrammar
import Testing

@testable import Runtime

/// The SQL a list query renders to, for both dialects (PostgreSQL cannot run in this suite yet,
/// so its text is checked here: `$n` numbering, `ILIKE`, `IS DISTINCT FROM`, nulls placement).
struct FilterSQLTests {
    static let statements = TableStatements.listOnly(table: #""t""#, selectColumns: #""id", "name", "rank", "due""#)
    static let rules = [FieldRule("name", .string(pattern: nil)), FieldRule("rank", .integer), FieldRule("due", .date, nullable: true)]
    static let table = TableDescriptor(
        name: "t", path: "/t", primaryKeyName: "id", primaryKeyKind: .integer, timestamps: false, fields: rules,
        members: ["id", "name", "rank", "due"], filters: rules.map { FilterColumn(name: $0.name, rule: $0, column: "\"\($0.name)\"") }, relations: [], statements: statements)

    private func page(_ filter: String, sort: String = "", cursor: [SQLValue]? = nil, dialect: SQLDialect) throws -> SQLStatement {
        var query = ListQuery(limit: 10, offset: 0, filters: [], filter: try FilterParser.parse(filter))
        if !sort.isEmpty { query.sort = try SortParser.parse(sort) }
        query.cursor = cursor
        return try ResolvedStatements(Self.table, dialect: dialect).list(query).page
    }

    @Test func postgresForms() throws {
        let statement = try page("(name ~ 'a%b' || name != 'x') && !(rank in (1, 2)) && due is null", dialect: .postgres)
        #expect(statement.sql == #"SELECT "id", "name", "rank", "due" FROM "t" WHERE (("name" ILIKE $1 ESCAPE '\' OR "name" IS DISTINCT FROM $2) AND NOT ("rank" IN ($3, $4)) AND "due" IS NULL) ORDER BY "id" ASC NULLS LAST LIMIT $5 OFFSET $6"#)
        #expect(statement.binds == [.text("%a\\%b%"), .text("x"), .integer(1), .integer(2), .integer(11), .integer(0)])
        let like = try page("name like 'A_%'", dialect: .postgres)
        #expect(like.sql.contains(#""name" LIKE $1 ESCAPE '\'"#))
    }

    @Test func sqliteForms() throws {
        let statement = try page("name != 'x' && name like 'A_[%'", dialect: .sqlite)
        #expect(statement.sql.contains(#""name" IS NOT ? AND "name" GLOB ?"#))
        #expect(statement.binds.prefix(2) == [.text("x"), .text("A?[[]*")])
    }

    @Test func keysetCursorNumbersPlaceholdersAfterTheFilter() throws {
        let statement = try page("rank > 0", sort: "-due", cursor: [.null, .integer(7)], dialect: .postgres)
        #expect(statement.sql.contains(#"WHERE "rank" > $1 AND (("due" IS NOT NULL) OR ("due" IS NULL AND "id" > $2)) ORDER BY "due" DESC NULLS FIRST, "id" ASC NULLS LAST LIMIT $3 OFFSET $4"#), "\(statement.sql)")
        #expect(statement.binds == [.integer(0), .integer(7), .integer(11), .integer(0)])
    }
}
