import Foundation
import GRDB
import GRDBSQLite

/// Copies one column of the current row of a stepped SQLite statement into an `SQLValue`,
/// straight from the C API.
///
/// Why: GRDB's `Row.databaseValues` first boxes every column in a `DatabaseValue`, which
/// `SQLiteValueConversion` then converts again; reading the column directly does one copy.
/// The result is the same `SQLValue` the conversion gives (raw storage: integers, doubles,
/// text; a blob becomes text when it is UTF-8 and is refused otherwise).
enum SQLiteColumnValue {
    /// The value of `column` (0-based) in the row `statement` was just stepped to.
    /// - Throws: `Runtime.DatabaseError` for a blob that is not UTF-8 text.
    static func read(_ statement: OpaquePointer, column: Int32, sql: String) throws -> SQLValue {
        switch sqlite3_column_type(statement, column) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(statement, column))
        case SQLITE_FLOAT: return .double(sqlite3_column_double(statement, column))
        case SQLITE_TEXT:
            guard let text = sqlite3_column_text(statement, column) else { return .text("") }
            let count = Int(sqlite3_column_bytes(statement, column))
            return .text(String(decoding: UnsafeBufferPointer(start: text, count: count), as: UTF8.self))
        case SQLITE_NULL: return .null
        default:
            // A blob: only outside tools write them; converted (or refused) as on the GRDB path.
            let count = Int(sqlite3_column_bytes(statement, column))
            let data = sqlite3_column_blob(statement, column).map { Data(bytes: $0, count: count) } ?? Data()
            return try SQLiteValueConversion.sqlValue(from: data.databaseValue, column: Int(column), sql: sql)
        }
    }
}
