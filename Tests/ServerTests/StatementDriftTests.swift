import Foundation
@testable import Runtime
import Testing

@testable import Server

/// The generator writes the tenant and owner conditions into every point statement; `RowAccess`
/// composes the same conditions into list and key-check statements at run time. These tests
/// hold the two in step for every table of every app, and check that each template has one slot
/// per placeholder.
@Suite("Generated statements and RowAccess agree")
struct StatementDriftTests {
    /// Every table of every app compiled into the server.
    static func tables() throws -> [TableDescriptor] {
        try AppCatalog.names.flatMap { try AppCatalog.app(named: $0, eventSettleInterval: 0).tables }
    }

    @Test("selectByID is the select list, the key, the live-row condition and RowAccess's condition, in that order")
    func accessConditions() throws {
        let tables = try Self.tables()
        #expect(tables.contains { $0.access != nil }, "some app has a scoped table")
        for table in tables {
            for dialect in SQLDialect.allCases {
                var placeholders = PlaceholderSequence(dialect: dialect)
                let key = placeholders.next()
                var expected = "SELECT \(table.statements.selectColumns) FROM \(table.statements.table) WHERE \(table.statements.primaryKeyColumn) = \(key)"
                if table.softDelete { expected += #" AND "deleted_at" IS NULL"# }
                if let access = table.access { expected += " AND " + access.condition(&placeholders) }
                #expect(table.statements.selectByID.sql.text(for: dialect) == expected, "\(table.name) \(dialect)")
            }
        }
    }

    @Test("every template binds one slot per placeholder, and its select list is the column list")
    func slotsMatchPlaceholders() throws {
        for table in try Self.tables() {
            let statements = table.statements
            var templates = [
                statements.selectByID, statements.lockByID, statements.insert, statements.replace, statements.patch,
                statements.delete, statements.guarded.replace, statements.guarded.patch, statements.guarded.delete,
            ]
            templates += [statements.restore, statements.upsert, statements.upsertLookup].compactMap { $0 }
            for template in templates {
                let questionMarks = template.sql.sqlite.filter { $0 == "?" }.count
                #expect(questionMarks == template.slots.count, "\(table.name): \(template.sql.sqlite)")
                #expect(template.sql.postgres.contains("$\(template.slots.count)") || template.slots.isEmpty)
                #expect(!template.sql.postgres.contains("$\(template.slots.count + 1)"))
            }
            #expect(statements.selectColumns == table.columns.map { "\"\($0)\"" }.joined(separator: ", "), "\(table.name)")
        }
    }
}
