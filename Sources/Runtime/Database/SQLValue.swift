import Foundation

/// A value bound to, or read from, a SQL statement, independent of the database engine.
///
/// Each driver maps these to its own storage: SQLite stores `uuid` and `timestamp` as text and
/// `bool` as an integer; PostgreSQL uses its native `uuid`, `timestamptz`, `boolean` and `jsonb`.
public enum SQLValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case double(Double)
    case text(String)
    case bool(Bool)
    case uuid(UUID)
    /// A point in time; stored with millisecond precision in UTC.
    case timestamp(Date)
    /// A calendar date `YYYY-MM-DD`.
    case date(String)
    /// A JSON document as text.
    case json(String)
}

/// The SQL dialect a statement is written in. The generator renders every statement once per dialect.
public enum SQLDialect: String, Sendable, Hashable, CaseIterable {
    case sqlite
    case postgres
}

/// One SQL statement with its positional bind values.
///
/// Placeholders are written as the dialect expects (`?` for SQLite, `$1` for PostgreSQL);
/// values are never spliced into the SQL text.
public struct SQLStatement: Sendable, Hashable {
    /// The statement text with placeholders.
    public var sql: String
    /// Values for the placeholders, in order.
    public var binds: [SQLValue]
    /// Creates a statement.
    public init(_ sql: String, _ binds: [SQLValue] = []) {
        self.sql = sql
        self.binds = binds
    }
}

/// A SQL text per dialect, decided by the generator; the server picks one at start-up.
public struct DialectSQL: Sendable, Hashable {
    /// SQLite form.
    public let sqlite: String
    /// PostgreSQL form.
    public let postgres: String
    /// Creates the pair.
    public init(sqlite: String, postgres: String) {
        self.sqlite = sqlite
        self.postgres = postgres
    }
    /// The text for one dialect.
    @inlinable public func text(for dialect: SQLDialect) -> String {
        switch dialect {
        case .sqlite: return sqlite
        case .postgres: return postgres
        }
    }
}
