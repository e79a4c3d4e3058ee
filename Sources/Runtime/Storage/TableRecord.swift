/// A generated record type: one row of a table, readable from SQL and writable as JSON.
public protocol TableRecord: JSONWritable {
    /// The primary key's Swift type.
    associatedtype Key: RecordKey
    /// A new record as handwritten code creates it (`TableStore.create`).
    associatedtype New: RecordInput
    /// Changes to a record as handwritten code makes them (`TableStore.update`).
    associatedtype Changes: RecordInput
    /// The table's generated description (SQL, rules, routes).
    static var table: TableDescriptor { get }
    /// The primary key.
    var primaryKey: Key { get }
    /// The record as stored, in select-list order: the values `init(row:)` reads (a compare-and-swap
    /// guard binds them, `TableStore.update(_:_:ifUnchanged:)`).
    var row: SQLRow { get }
    /// Decodes a row selected with `table.statements.selectColumns`.
    init(row: SQLRow) throws(RowDecodingError)
    /// The primary key as it appears in URLs (`/v1/tasks/<key>`).
    var primaryKeyText: String { get }
    /// Writes only the selected members (`?fields=`), in record order.
    func writeJSON(to writer: inout JSONWriter, selecting fields: FieldSelection)
}
