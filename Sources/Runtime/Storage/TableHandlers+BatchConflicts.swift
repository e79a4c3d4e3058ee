/// Finding the item of a batch that made its transaction fail, so the answer names
/// its item (`operations[i]`) instead of only the constraint. Runs only after a failure, with one
/// statement per unique column or referencing relation involved, never one per item.
extension TableHandlers {
    /// 409 naming the member (`operations[i].data.<field>`) of each item whose value of the violated unique
    /// column is held by another record, or repeats an earlier item's value in the same batch.
    /// Only rows the caller may see are named: another tenant's record is never mentioned.
    func uniqueConflict(columns reported: [String], _ operations: [BatchOperation], caller: RowCaller) async throws -> APIError? {
        let columns = reported.filter { !(table.access?.columns.contains($0) ?? false) }
        guard columns.count == 1, let fieldIndex = table.fieldIndex(ofColumn: columns[0]) else { return nil }
        let column = columns[0]
        let field = table.fields[fieldIndex].name
        var candidates: [(operation: BatchOperation, value: SQLValue)] = []
        for operation in operations {
            guard let input = operation.input, let value = input.values[fieldIndex], value != .null else { continue }
            candidates.append((operation, value.sqlValue))
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
        var firstUse: [String: String] = [:]
        for (operation, candidate) in candidates {
            let value = candidate.keyText
            if let earlier = firstUse[value] {
                errors.append(.init(field: "\(operation.data).\(field)", message: "repeats the value of \(earlier)"))
            } else if let holder = holders[value], holder != operation.id?.keyText {
                errors.append(.init(field: "\(operation.data).\(field)", message: "is already taken by \(table.name) record \(holder)"))
            }
            if firstUse[value] == nil { firstUse[value] = operation.item }
        }
        guard !errors.isEmpty else { return nil }
        return APIError.conflict("Another record already has this value of \(field); nothing was changed.", fieldErrors: errors)
    }

    /// 409 naming the id (`operations[i].id`) of each delete whose record other tables still reference.
    func referencedDeletes(_ operations: [BatchOperation]) async throws -> APIError? {
        let deletes = operations.filter { $0.action == .delete }.compactMap { operation in operation.id.map { (operation.item, $0) } }
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
        let errors: [APIError.FieldError] = deletes.compactMap { item, id in
            referenced[id.keyText].map { .init(field: item + ".id", message: "is still referenced by \($0) records") }
        }
        guard !errors.isEmpty else { return nil }
        return APIError.conflict("A deleted record is still referenced by records of other tables; nothing was changed.", fieldErrors: errors)
    }

    /// 422 naming the member (`operations[i].data.<field>`) of each relation value that names no record of
    /// the related table the caller may see: one statement per relation field, whatever the
    /// number of items.
    func missingReferences(_ operations: [BatchOperation], caller: RowCaller) async throws -> APIError? {
        let items = operations.enumerated().compactMap { index, operation in operation.input.map { (index, $0) } }
        let missing = try await unreachableReferences(items, identity: caller.identity, scopedOnly: false)
        guard !missing.isEmpty else { return nil }
        return APIError.validation(missing.map { item in
            .init(field: "\(operations[item.index].data).\(item.field)", message: "references no record in \(item.table)")
        })
    }
}
