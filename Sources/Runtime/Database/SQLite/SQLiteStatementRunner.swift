import GRDB

/// Runs one `SQLStatement` on a GRDB connection, inside an access that `SQLiteDatabase` opened.
///
/// Statements come from a fixed, generated set of SQL texts, so they are prepared once per
/// connection and reused through GRDB's statement cache.
enum SQLiteStatementRunner {
    /// Runs `statement` and returns every row it produces.
    static func rows(of statement: SQLStatement, in db: GRDB.Database) throws -> [SQLRow] {
        let prepared = try db.cachedStatement(sql: statement.sql)
        let arguments = SQLiteValueConversion.arguments(for: statement.binds)
        let columnCount = prepared.columnCount
        let cursor = try Row.fetchCursor(prepared, arguments: arguments)
        let handle = prepared.sqliteStatement
        var rows: [SQLRow] = []
        // GRDB steps the statement (and keeps its bookkeeping); the columns of each row are
        // copied straight from SQLite before the next step (`SQLiteColumnValue`).
        while try cursor.next() != nil {
            var values: [SQLValue] = []
            values.reserveCapacity(columnCount)
            for column in 0..<Int32(columnCount) {
                values.append(try SQLiteColumnValue.read(handle, column: column, sql: statement.sql))
            }
            rows.append(SQLRow(values: values))
        }
        return rows
    }

    /// Runs a write statement to completion and returns its `RETURNING` rows and changed-row count.
    ///
    /// `sqlite3_changes` keeps the count of the last INSERT/UPDATE/DELETE, so a statement that
    /// changed nothing (a SELECT, DDL) would report the previous statement's count; comparing
    /// the connection's total count before and after detects that case and reports 0.
    static func write(_ statement: SQLStatement, in db: GRDB.Database) throws -> WriteResult {
        let totalBefore = db.totalChangesCount
        let rows = try rows(of: statement, in: db)
        let changes = db.totalChangesCount == totalBefore ? 0 : db.changesCount
        return WriteResult(rows: rows, changes: changes)
    }
}
