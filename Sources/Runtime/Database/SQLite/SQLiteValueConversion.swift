import Foundation
import GRDB
import ValueFormats

/// Converts between the engine-independent `SQLValue` and GRDB's `DatabaseValue`.
///
/// SQLite has no uuid, boolean or timestamp storage: uuids are stored as lowercase text, booleans
/// as 0/1 integers and timestamps as fixed-width ISO-8601 text (see `TimestampFormat`), so that
/// text comparison and `ORDER BY` give time order. Reading returns raw storage values only; the
/// typed accessors of `RowReader` turn them back into uuids, booleans and dates.
enum SQLiteValueConversion {
    /// The SQLite storage for one bound value.
    static func databaseValue(for value: SQLValue) -> DatabaseValue {
        switch value {
        case .null: return .null
        case .integer(let integer): return integer.databaseValue
        case .double(let double): return double.databaseValue
        case .text(let text): return text.databaseValue
        case .bool(let bool): return Int64(bool ? 1 : 0).databaseValue
        case .uuid(let uuid): return ValueFormats.lowercaseText(of: uuid).databaseValue
        case .timestamp(let date): return TimestampFormat.makeTimestamp(date).databaseValue
        case .date(let text): return text.databaseValue
        case .json(let text): return text.databaseValue
        }
    }

    /// Positional arguments for a statement's `?` placeholders. Handed to GRDB as optional
    /// existentials: its generic initializer is not specialised across modules and reads each
    /// value through a key path, which profiled at a few percent of a write.
    static func arguments(for binds: [SQLValue]) -> StatementArguments {
        StatementArguments(binds.map { databaseValue(for: $0) as (any DatabaseValueConvertible)? })
    }

    /// The `SQLValue` holding what SQLite stored.
    ///
    /// A blob becomes text when it is valid UTF-8 (Loom never writes blobs; one can only come from
    /// outside tools). Anything else is refused rather than silently dropped, because dropping it
    /// would shift the positions of the following columns.
    static func sqlValue(from value: DatabaseValue, column: Int, sql: String) throws -> SQLValue {
        switch value.storage {
        case .null: return .null
        case .int64(let integer): return .integer(integer)
        case .double(let double): return .double(double)
        case .string(let text): return .text(text)
        case .blob(let data):
            guard let text = String(data: data, encoding: .utf8) else {
                throw Runtime.DatabaseError(
                    code: .other,
                    message: "column \(column) of `\(sql)` holds a \(data.count)-byte blob that is not UTF-8 text"
                )
            }
            return .text(text)
        }
    }
}
