/// Relation values must name records the caller may see: a relation to another tenant's row
/// (or another owner's) is refused exactly like a relation to a missing row, 422.
extension TableHandlers {
    /// One relation value that names no row the caller may see.
    struct UnreachableReference {
        /// Position of the item (0 for a single write, the operation's index in a batch).
        let index: Int
        /// The relation field.
        let field: String
        /// The related table.
        let table: String
    }

    /// Before a write: 422 for each relation value (of `items`) pointing at a row of a table
    /// with tenant or owner conditions that the caller may not see. One statement per such
    /// relation field, whatever the number of items; nothing when no target has conditions.
    /// In a batch, `dataPaths` (by item index) say where each item's members are (`operations[3].data`).
    func checkReachableReferences(_ items: [(Int, ValidatedObject)], caller: RowCaller, dataPaths: [String]? = nil) async throws {
        guard sql.referencesScopedTables else { return }
        let missing = try await unreachableReferences(items, identity: caller.identity, scopedOnly: true)
        guard !missing.isEmpty else { return }
        throw APIError.validation(missing.map { item in
            .init(field: dataPaths.map { "\($0[item.index]).\(item.field)" } ?? item.field, message: "references no record in \(item.table)")
        })
    }

    /// The relation values of `items` that name no row of the related table visible to
    /// `identity`, sorted by item; `scopedOnly` skips relations whose target has no conditions.
    func unreachableReferences(
        _ items: [(Int, ValidatedObject)], identity: Identity?, scopedOnly: Bool
    ) async throws -> [UnreachableReference] {
        var result: [UnreachableReference] = []
        for check in table.relations {
            guard let target = check.target?(), !scopedOnly || target.access != nil else { continue }
            var values: [(index: Int, value: SQLValue)] = []
            for (index, input) in items {
                guard let value = input.values[check.fieldIndex], value != .null else { continue }
                values.append((index, value.sqlValue))
            }
            guard !values.isEmpty else { continue }
            var placeholders = PlaceholderSequence(dialect: database.dialect)
            let list = placeholders.list(values.count)
            let key = target.statements.primaryKeyColumn
            let scope = target.access.map { " AND " + $0.condition(&placeholders) } ?? ""
            let rows = try await database.fetch(SQLStatement(
                "SELECT \(key) FROM \(target.statements.table) WHERE \(key) IN (\(list))\(scope)",
                values.map(\.value) + (target.access?.binds(identity) ?? [])))
            let present = Set(rows.compactMap { $0.values.first?.keyText })
            let field = table.fields[check.fieldIndex].name
            for item in values where !present.contains(item.value.keyText) {
                result.append(UnreachableReference(index: item.index, field: field, table: check.table))
            }
        }
        return result.sorted { $0.index < $1.index }
    }
}
