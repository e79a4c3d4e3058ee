@testable import Runtime

extension TableStatements {
    /// Statements of a hand-made table whose tests only list (the point statements, generated
    /// for real tables, are left empty).
    static func listOnly(table: String, selectColumns: String, primaryKeyColumn: String = #""id""#) -> TableStatements {
        let empty = StatementTemplate(sqlite: "", postgres: "", slots: [])
        return TableStatements(
            table: table, selectColumns: selectColumns, primaryKeyColumn: primaryKeyColumn,
            guarded: GuardedStatements(replace: empty, patch: empty, delete: empty), selectByID: empty, lockByID: empty,
            insert: empty, replace: empty, patch: empty, delete: empty)
    }
}
