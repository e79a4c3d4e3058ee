import Foundation

/// One result row: values by column position, in the order of the statement's select list.
///
/// Drivers fill it with what the engine holds (SQLite gives text for uuids and timestamps,
/// integers for booleans; PostgreSQL gives native values); the typed accessors accept both.
public struct SQLRow: Sendable {
    /// Column values in select-list order.
    public var values: [SQLValue]
    /// Creates a row.
    public init(values: [SQLValue]) { self.values = values }
}
