/// A generated record type: one row of a table, readable from SQL and writable as JSON.
public protocol TableRecord: JSONWritable {
    /// The table's generated description (SQL, rules, routes).
    static var table: TableDescriptor { get }
    /// Decodes a row selected with `table.statements.selectColumns`.
    init(row: SQLRow) throws(RowDecodingError)
    /// The primary key as it appears in URLs (`/v1/tasks/<key>`).
    var primaryKeyText: String { get }
    /// Writes only the selected members (`?fields=`), in record order.
    func writeJSON(to writer: inout JSONWriter, selecting fields: FieldSelection)
}

/// A change to a record, announced after the transaction that made it has committed.
///
/// This is the seam for webhooks and audit logs: the server passes listeners in, generated
/// code never knows who listens.
public struct RecordChange: Sendable, Hashable {
    /// The kind of change.
    public enum Operation: String, Sendable, Hashable {
        case created, updated, deleted
    }
    /// Table name.
    public var table: String
    /// What happened.
    public var operation: Operation
    /// Primary key of the record, as text.
    public var id: String
    /// The record's JSON after the change (empty for deletions).
    public var json: [UInt8]
    /// Creates a change.
    public init(table: String, operation: Operation, id: String, json: [UInt8]) {
        self.table = table
        self.operation = operation
        self.id = id
        self.json = json
    }
}

/// Receives committed record changes (webhook outbox, audit log, cache invalidation).
public protocol RecordChangeListener: Sendable {
    /// Called once per committed change, after the response data is final.
    func recordChanged(_ change: RecordChange) async
}

extension Array where Element == any RecordChangeListener {
    /// Tells every listener about a committed change; builds nothing when nobody listens.
    public func announce(_ change: @autoclosure () -> RecordChange) async {
        guard !isEmpty else { return }
        let change = change()
        for listener in self { await listener.recordChanged(change) }
    }

    /// Tells every listener that `record` was created or updated, with its JSON.
    public func announce(_ operation: RecordChange.Operation, _ record: some TableRecord) async {
        await announce(RecordChange(
            table: type(of: record).table.name, operation: operation, id: record.primaryKeyText,
            json: { var writer = JSONWriter(); record.writeJSON(to: &writer); return writer.bytes }()))
    }
}
