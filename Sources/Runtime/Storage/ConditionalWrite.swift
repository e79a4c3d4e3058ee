import Foundation

/// The `If-Match` forms of a table's replace, patch and delete: the same statement with one more
/// condition, that every selected column still holds the value read when the tag was checked.
///
/// The entity tag is a hash of the record's JSON, which SQL cannot compute, so the handler reads
/// the row, compares tags, and then writes with the row's values as a compare-and-swap guard. A
/// write landing between the read and the write changes some column, the guarded statement then
/// matches no row, and the client gets 412 instead of silently overwriting that write. Values
/// read round-trip exactly: SQLite returns what it stored, and PostgreSQL values are bound back
/// in the text forms they were written in (millisecond timestamps, shortest-round-trip doubles).
struct ConditionalWrite: Sendable {
    /// `replace` guarded; binds: replace binds (with the access binds) + the row's values.
    let replace: String
    /// `patch` guarded; binds: patch binds + the row's values.
    let patch: String
    /// `delete` guarded; binds: key + the row's values.
    let delete: String

    /// The guarded forms of `table`'s statements as generated (without access conditions).
    init(_ table: TableDescriptor, dialect: SQLDialect) {
        let statements = table.statements
        let writable = table.fields.filter { !$0.readOnly }.count
        let stamp = table.timestamps ? 1 : 0
        self.init(
            table, replace: statements.replace.text(for: dialect), replaceBinds: writable + stamp + 1,
            patch: statements.patch.text(for: dialect), patchBinds: 2 * writable + stamp + 1,
            delete: statements.delete.text(for: dialect), deleteBinds: 1, dialect: dialect)
    }

    /// Builds the guarded forms of `table`'s statements for `dialect`, once at start-up, from
    /// the statements as the table runs them (with its access conditions) and their bind counts.
    init(
        _ table: TableDescriptor, replace: String, replaceBinds: Int, patch: String, patchBinds: Int, delete: String,
        deleteBinds: Int, dialect: SQLDialect
    ) {
        let columns = table.statements.selectColumns.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        self.replace = Self.guarded(replace, after: replaceBinds, columns: columns, dialect: dialect)
        self.patch = Self.guarded(patch, after: patchBinds, columns: columns, dialect: dialect)
        self.delete = Self.guarded(delete, after: deleteBinds, columns: columns, dialect: dialect)
    }

    /// `sql` with `AND <column> IS <value>` for every column, before `RETURNING` if there is one;
    /// the new placeholders follow the statement's `binds` existing ones.
    static func guarded(_ sql: String, after binds: Int, columns: [String], dialect: SQLDialect) -> String {
        var conditions: [String] = []
        for (offset, column) in columns.enumerated() {
            switch dialect {
            case .sqlite: conditions.append("\(column) IS ?")
            case .postgres: conditions.append("\(column) IS NOT DISTINCT FROM $\(binds + offset + 1)")
            }
        }
        let clause = " AND " + conditions.joined(separator: " AND ")
        guard let returning = sql.range(of: " RETURNING ", options: .backwards) else { return sql + clause }
        return String(sql[..<returning.lowerBound]) + clause + String(sql[returning.lowerBound...])
    }
}
