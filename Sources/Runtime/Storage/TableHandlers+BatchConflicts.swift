/// Finding the item of a batch that made its transaction fail, so the answer names
/// `operations[i]` instead of only the constraint. Runs only after a failure, with one
/// statement per unique column or referencing relation involved, never one per item.
extension TableHandlers {
    /// 409 naming `operations[i].data.<field>` for each item whose value of the violated unique
    /// column is held by another record, or repeats an earlier item's value in the same batch.
    /// Only rows the caller may see are named: another tenant's record is never mentioned.
    func uniqueConflict(columns reported: [String], _ operations: [BatchOperation], caller: RowCaller) async throws -> APIError? {
        let columns = reported.filter { !(table.access?.columns.contains($0) ?? false) }
        guard columns.count == 1, let fieldIndex = table.fieldIndex(ofColumn: columns[0]) else { return nil }
        let column = columns[0]
        let field = table.fields[fieldIndex].name
        var candidates: [(index: Int, value: SQLValue, id: SQLValue?)] = []
        for (index, operation) in operations.enumerated() {
            guard let input = operation.input, let value = input.values[fieldIndex], value != .null else { continue }
            candidates.append((index, value.sqlValue, operation.id))
        }
        guard !candidates.isEmpty else { return nil }
        var placeholders = PlaceholderSequence(dialect: database.dialect)
        let list = placeholders.list(candidates.count)
        let key = table.statements.primaryKeyColumn
        let scope = table.access.map { " AND " + $0.condition(&placeholders) } ?? ""
        let rows = try await database.fetch(SQLStatement(
            "SELECT \(key), \"\(column)\" FROM \(table.statements.table) WHERE \"\(column)\" IN (\(list))\(scope)",
            candidates.map(\.value) + caller.binds))
        var holders: [String: String] = [:]
        for row in rows where row.values.count == 2 { holders[row.values[1].keyText] = row.values[0].keyText }
        var errors: [APIError.FieldError] = []
        var firstUse: [String: Int] = [:]
        for candidate in candidates {
            let value = candidate.value.keyText
            if let earlier = firstUse[value] {
                errors.append(.init(field: "operations[\(candidate.index)].data.\(field)", message: "repeats the value of operations[\(earlier)]"))
            } else if let holder = holders[value], holder != candidate.id?.keyText {
                errors.append(.init(field: "operations[\(candidate.index)].data.\(field)", message: "is already taken by \(table.name) record \(holder)"))
            }
            if firstUse[value] == nil { firstUse[value] = candidate.index }
        }
        guard !errors.isEmpty else { return nil }
        return APIError.conflict("Another record already has this value of \(field); nothing was changed.", fieldErrors: errors)
    }

    /// 409 naming `operations[i].id` for each delete whose record other tables still reference.
    func referencedDeletes(_ operations: [BatchOperation]) async throws -> APIError? {
        let deletes = operations.enumerated().filter { $0.element.action == .delete }.compactMap { item in item.element.id.map { (item.offset, $0) } }
        guard !deletes.isEmpty else { return nil }
        var referenced: [String: String] = [:]
        for reverse in table.reverseRelations {
            let target = reverse.target()
            var placeholders = PlaceholderSequence(dialect: database.dialect)
            let list = placeholders.list(deletes.count)
            let rows = try await database.fetch(SQLStatement(
                "SELECT DISTINCT \"\(reverse.field)\" FROM \(target.statements.table) WHERE \"\(reverse.field)\" IN (\(list))", deletes.map(\.1)))
            for row in rows { referenced[row.values.first?.keyText ?? ""] = target.name }
        }
        let errors: [APIError.FieldError] = deletes.compactMap { index, id in
            referenced[id.keyText].map { .init(field: "operations[\(index)].id", message: "is still referenced by \($0) records") }
        }
        guard !errors.isEmpty else { return nil }
        return APIError.conflict("A deleted record is still referenced by records of other tables; nothing was changed.", fieldErrors: errors)
    }

    /// 422 naming `operations[i].data.<field>` for each relation value that names no record of
    /// the related table the caller may see: one statement per relation field, whatever the
    /// number of items.
    func missingReferences(_ operations: [BatchOperation], caller: RowCaller) async throws -> APIError? {
        let items = operations.enumerated().compactMap { index, operation in operation.input.map { (index, $0) } }
        let missing = try await unreachableReferences(items, identity: caller.identity, scopedOnly: false)
        guard !missing.isEmpty else { return nil }
        return APIError.validation(missing.map { item in
            .init(field: "operations[\(item.index)].data.\(item.field)", message: "references no record in \(item.table)")
        })
    }
}
