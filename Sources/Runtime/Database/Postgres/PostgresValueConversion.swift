import Foundation
import NIOCore
import PostgresNIO
import ValueFormats

/// Converts between the engine-independent `SQLValue` and PostgreSQL's wire values.
///
/// Binds are sent in text format with an unspecified type (OID 0), exactly like literals in
/// `psql`: the server infers each parameter's type from where it appears (`"id" = $1` makes it a
/// `uuid`, `CASE WHEN $1` a `boolean`). The generated SQL is shared with SQLite and carries no
/// casts, so this is what lets one statement text bind to `uuid`, `timestamptz`, `date` and
/// `jsonb` columns alike. Timestamps are sent as the same millisecond ISO-8601 text SQLite
/// stores, so both engines keep the same precision.
///
/// Results arrive in binary format and are decoded by column type into native `SQLValue`s
/// (`uuid`, `timestamp`, `bool`), which `RowReader`'s typed accessors accept.
enum PostgresValueConversion {
    /// Bindings for a statement's `$n` placeholders.
    static func bindings(for binds: [SQLValue]) -> PostgresBindings {
        var bindings = PostgresBindings(capacity: binds.count)
        for value in binds {
            if let text = text(for: value) {
                bindings.append(UntypedText(text: text))
            } else {
                bindings.appendNull()
            }
        }
        return bindings
    }

    /// The text form PostgreSQL parses for `value`, or `nil` for SQL `NULL`.
    static func text(for value: SQLValue) -> String? {
        switch value {
        case .null: return nil
        case .integer(let integer): return String(integer)
        case .double(let double): return double.isFinite ? "\(double)" : (double.isNaN ? "NaN" : (double > 0 ? "Infinity" : "-Infinity"))
        case .text(let text), .date(let text), .json(let text): return text
        case .bool(let bool): return bool ? "true" : "false"
        case .uuid(let uuid): return ValueFormats.lowercaseText(of: uuid)
        case .timestamp(let date): return TimestampFormat.makeTimestamp(date)
        }
    }

    /// The `SQLValue` of one result cell.
    static func sqlValue(of cell: PostgresCell, sql: String) throws -> SQLValue {
        guard cell.bytes != nil else { return .null }
        do {
            switch cell.dataType {
            case .int2, .int4, .int8:
                return .integer(Int64(try cell.decode(Int.self)))
            case .float4, .float8:
                return .double(try cell.decode(Double.self))
            case .numeric:
                // Aggregates such as SUM(bigint) return numeric: keep whole numbers integers.
                let text = "\(try cell.decode(Decimal.self))"
                if let integer = Int64(text) { return .integer(integer) }
                return .double(Double(text) ?? 0)
            case .bool:
                return .bool(try cell.decode(Bool.self))
            case .uuid:
                return .uuid(try cell.decode(UUID.self))
            case .timestamptz, .timestamp:
                return .timestamp(try cell.decode(Date.self))
            case .date:
                return .date(dateText(try cell.decode(Date.self)))
            case .json, .jsonb:
                return .json(try cell.decode(String.self))
            default:
                return .text(try cell.decode(String.self))
            }
        } catch let error as PostgresDecodingError {
            throw Runtime.DatabaseError(
                code: .other,
                message: "column \(cell.columnName) (type \(cell.dataType)) of `\(sql)` cannot be read: \(error.code)"
            )
        }
    }

    /// Converts every cell of `rows`.
    static func sqlRows(_ rows: [PostgresRow], sql: String) throws -> [SQLRow] {
        try rows.map { row in SQLRow(values: try row.map { try sqlValue(of: $0, sql: sql) }) }
    }

    /// `YYYY-MM-DD` of a `date` column (decoded by postgres-nio as midnight UTC).
    private static func dateText(_ date: Date) -> String {
        let calendar = utcCalendar
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        let year = parts.year ?? 0, month = parts.month ?? 0, day = parts.day ?? 0
        return String(format: "%04d-%02d-%02d", year, month, day)
    }

    /// A Gregorian calendar in UTC.
    private static let utcCalendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? .current
        return calendar
    }()
}

/// A bind value sent as text with an unspecified type, so the server infers it from context.
struct UntypedText: PostgresDynamicTypeEncodable {
    /// The value in PostgreSQL's text input syntax.
    let text: String
    /// OID 0: "unspecified", the type a `psql` literal has.
    var psqlType: PostgresDataType { .null }
    /// Text format: the server parses the value with the inferred type's input function.
    var psqlFormat: PostgresFormat { .text }
    /// Writes the UTF-8 bytes.
    func encode<JSONEncoder: PostgresJSONEncoder>(into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>) {
        byteBuffer.writeString(text)
    }
}
