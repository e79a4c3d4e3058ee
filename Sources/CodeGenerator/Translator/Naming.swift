import APIContract
import SchemaModel

extension AppConfig {
    /// The app's naming style as the runtime's `JSONNaming` (one spelling function for both).
    var jsonNaming: JSONNaming { JSONNaming(rawValue: naming.rawValue) ?? .snakeCase }

    /// `name` (a `snake_case` schema name) as the app spells JSON members.
    func jsonName(_ name: String) -> String { jsonNaming.name(name) }

    /// How declared names (table fields and keys, endpoint and event fields) are spelled: as
    /// declared with `fieldNaming: "declared"`, else as `naming` spells every member.
    var fieldJSONNaming: JSONNaming { fieldNaming == .declared ? .snakeCase : jsonNaming }

    /// A declared name (`first_name`) as the app writes it in JSON.
    func fieldName(_ name: String) -> String { fieldJSONNaming.name(name) }

    /// A column of `table` as JSON: its timestamps are Loom's members (spelled by `naming`),
    /// its key and fields declared names (spelled by `fieldNaming`).
    func columnName(_ column: String, of table: TableSchema) -> String {
        Self.isTimestamp(column, of: table) ? jsonName(column) : fieldName(column)
    }

    /// Whether `column` is one of the timestamps Loom adds to `table`.
    static func isTimestamp(_ column: String, of table: TableSchema) -> Bool {
        (table.timestamps && (column == "created_at" || column == "updated_at")) || (table.softDelete && column == "deleted_at")
    }
}
