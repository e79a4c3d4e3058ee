/// One change to one record, as write hooks see it inside the transaction that makes it.
///
/// Built only when the server has write hooks; the record images are decoded from the rows the
/// write statement itself returned (`RETURNING`), so describing a change costs no extra read.
public struct RecordChange: Sendable {
    /// The kind of change.
    public enum Operation: String, Sendable, Hashable, CaseIterable {
        /// A record was inserted (a create, a batch create, an upsert that inserted).
        case created
        /// A record's fields changed (replace, update, an upsert that replaced).
        case updated
        /// A record was deleted (or, on a soft-delete table, marked deleted).
        case deleted
        /// A soft-deleted record was made live again.
        case restored
    }

    /// The table's description (name, members, field rules).
    public let table: TableDescriptor
    /// What happened.
    public let operation: Operation
    /// Primary key of the record, as text (as in URLs).
    public let key: String
    /// The record after the change; `nil` after a hard delete.
    public let after: RecordImage?
    /// The record before the change: the deleted record of a hard delete, and for replaces and
    /// updates (batch items and typed-store updates included; not upserts) when a hook asked for
    /// it (`WriteHook.needsPreviousRecord`); otherwise `nil`.
    public let before: RecordImage?
    /// Who made the change (`nil`: anonymous, or server code acting on its own).
    public let identity: Identity?
    /// The request that made the change, when it came from one.
    public let requestID: String?
    /// The client's IP address (`RequestClientAddress`), when the change came from a request.
    public let clientAddress: String?

    /// Creates a change.
    public init(
        table: TableDescriptor, operation: Operation, key: String, after: RecordImage?, before: RecordImage?,
        identity: Identity?, requestID: String?, clientAddress: String? = nil
    ) {
        self.clientAddress = clientAddress
        self.table = table
        self.operation = operation
        self.key = key
        self.after = after
        self.before = before
        self.identity = identity
        self.requestID = requestID
    }

    /// The JSON names of the members whose stored value differs between `before` and `after`
    /// (write-only fields included: their names, never their values); empty unless both are known.
    public var changedMembers: [String] {
        guard let before, let after else { return [] }
        return zip(table.members, zip(before.row.values, after.row.values)).compactMap { member, values in
            values.0 == values.1 ? nil : member
        }
    }
}

/// A record as one row and its decoded value.
public struct RecordImage: Sendable {
    /// The row in the table's select-list order (`TableDescriptor.members`).
    public let row: SQLRow
    /// The decoded record.
    public let record: any TableRecord

    /// Decodes `row` as a `Record`.
    public init<Record: TableRecord>(_ row: SQLRow, as type: Record.Type) throws(RowDecodingError) {
        self.row = row
        self.record = try Record(row: row)
    }

    /// The record's JSON as the API answers it (write-only fields left out).
    public var json: [UInt8] {
        var writer = JSONWriter()
        record.writeJSON(to: &writer)
        return writer.bytes
    }
}
