/// A read a `TableStore` prepared: one statement and how to decode its rows. Several queries
/// run against one snapshot with `HandlerContext.snapshot`.
public protocol StoreQuery: Sendable {
    /// What the query answers.
    associatedtype Result: Sendable
    /// The statement, with the caller's tenant and owner conditions.
    var statement: SQLStatement { get }
    /// The answer from the statement's rows.
    func decode(_ rows: [SQLRow]) throws -> Result
}

/// One record by primary key, or `nil` (`TableStore.record(_:)`).
public struct RecordQuery<Record: TableRecord>: StoreQuery {
    /// The statement.
    public let statement: SQLStatement
    /// The record, if the caller may see it.
    public func decode(_ rows: [SQLRow]) throws -> Record? { try rows.first.map { try Record(row: $0) } }
}

/// Records matching a filter, in order (`TableStore.records(where:orderBy:limit:)`).
public struct RecordsQuery<Record: TableRecord>: StoreQuery {
    /// The statement.
    public let statement: SQLStatement
    /// The records.
    public func decode(_ rows: [SQLRow]) throws -> [Record] { try rows.map { try Record(row: $0) } }
}

/// The number of records matching a filter (`TableStore.count(where:)`).
public struct CountQuery: StoreQuery {
    /// The statement.
    public let statement: SQLStatement
    /// The count.
    public func decode(_ rows: [SQLRow]) throws -> Int {
        guard let row = rows.first else { return 0 }
        var reader = RowReader(row)
        return Int(try reader.integer())
    }
}

/// The number of records per value of a column (`TableStore.counts(by:where:)`).
public struct GroupCountQuery<Record: TableRecord, Value: Hashable & Sendable>: StoreQuery {
    /// The statement.
    public let statement: SQLStatement
    /// Reads the grouped column.
    let read: @Sendable (inout RowReader) throws -> Value
    /// Counts by value; values without records are absent.
    public func decode(_ rows: [SQLRow]) throws -> [Value: Int] {
        var counts: [Value: Int] = [:]
        for row in rows {
            var reader = RowReader(row)
            let value = try read(&reader)
            counts[value] = Int(try reader.integer())
        }
        return counts
    }
}
