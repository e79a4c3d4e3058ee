import Foundation
import ValueFormats

/// Reads a `SQLRow` column by column, converting engine storage to Swift types.
///
/// Generated `Record.init(row:)` calls one accessor per column in select-list order. A value
/// that cannot be converted means the database holds data the schema does not allow (edited
/// by hand, or a migration gap): that is a server fault, reported as `RowDecodingError`.
public struct RowReader {
    private let row: SQLRow
    private var column = 0

    /// Starts reading at the first column.
    public init(_ row: SQLRow) { self.row = row }

    private mutating func next() throws(RowDecodingError) -> SQLValue {
        guard column < row.values.count else { throw RowDecodingError(column: column, expected: "a column") }
        defer { column += 1 }
        return row.values[column]
    }

    private func failure(_ expected: String) -> RowDecodingError { RowDecodingError(column: column - 1, expected: expected) }

    /// Consumes the next column if it is `NULL`.
    mutating func takeNull() -> Bool {
        guard column < row.values.count, case .null = row.values[column] else { return false }
        column += 1
        return true
    }

    /// Reads text.
    public mutating func string() throws(RowDecodingError) -> String {
        switch try next() {
        case .text(let text), .date(let text), .json(let text): return text
        default: throw failure("text")
        }
    }

    /// Reads a 64-bit integer.
    public mutating func integer() throws(RowDecodingError) -> Int64 {
        switch try next() {
        case .integer(let value): return value
        default: throw failure("an integer")
        }
    }

    /// Reads a floating-point number (integers widen).
    public mutating func number() throws(RowDecodingError) -> Double {
        switch try next() {
        case .double(let value): return value
        case .integer(let value): return Double(value)
        default: throw failure("a number")
        }
    }

    /// Reads a boolean (SQLite stores 0/1).
    public mutating func bool() throws(RowDecodingError) -> Bool {
        switch try next() {
        case .bool(let value): return value
        case .integer(let value): return value != 0
        default: throw failure("a boolean")
        }
    }

    /// Reads a UUID (SQLite stores text).
    public mutating func uuid() throws(RowDecodingError) -> UUID {
        switch try next() {
        case .uuid(let value): return value
        case .text(let text):
            guard let value = ValueFormats.uuid(text) else { throw failure("a UUID") }
            return value
        default: throw failure("a UUID")
        }
    }

    /// Reads a timestamp (SQLite stores ISO-8601 text).
    public mutating func timestamp() throws(RowDecodingError) -> Date {
        switch try next() {
        case .timestamp(let value): return value
        case .text(let text):
            guard let value = TimestampFormat.parseTimestamp(text) else { throw failure("a timestamp") }
            return value
        default: throw failure("a timestamp")
        }
    }

    /// Reads a stored JSON document.
    public mutating func json() throws(RowDecodingError) -> RawJSON {
        switch try next() {
        case .json(let text), .text(let text): return RawJSON(validatedText: text)
        default: throw failure("a JSON document")
        }
    }
}

/// A stored value that does not fit its column's schema type.
public struct RowDecodingError: Error, Sendable, CustomStringConvertible {
    /// Zero-based column position.
    public var column: Int
    /// What the schema expected there.
    public var expected: String
    /// For logs.
    public var description: String { "column \(column) does not hold \(expected)" }
}
