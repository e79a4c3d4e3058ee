import Hummingbird

/// One validated operation of a batch request.
struct BatchOperation: Sendable {
    let action: TableOperationKind
    let id: SQLValue?
    let input: ValidatedObject?
    /// Where the operation is in the body (`operations[3]`), for answers naming it.
    let item: String
    /// Where its record's members are (`operations[3].data`, `records[3].fields`).
    let data: String
}

extension TableHandlers {
    /// `POST /<table>/batch`: up to `limits.maxBatchSize` creates, replaces, updates and deletes
    /// in one transaction, all or nothing.
    ///
    /// Body: `{"operations": [{"action": "create", "data": {...}}, {"action": "update", "id": ..., "data": {...}},
    /// {"action": "replace", "id": ..., "data": {...}}, {"action": "delete", "id": ...}]}`. Every
    /// operation is validated, and every id checked to exist (one statement), before anything is
    /// written; problems are one 422 naming `operations[i].<member>` for each failing item.
    /// Answers 200 `{"results": [{"action", "status", "record" | "id"}]}` in request order.
    ///
    /// With `access`, the caller must meet the requirement of every action the batch contains
    /// (403 naming the first missing scope), checked before any item is validated.
    func batch(
        _ request: Request, context: LoomRequestContext, operations allowed: Set<TableOperationKind>, access: TableAccess? = nil
    ) async throws -> Response {
        let caller = try RowCaller(context, table: table)
        let body = try await RequestBody.json(request, limit: settings.maxBodyBytes)
        let operations = try parseBatch(body, allowed: allowed) { actions throws(APIError) in
            guard let access else { return }
            for action in [TableOperationKind.create, .replace, .update, .delete] where actions.contains(action) {
                try context.authorize(access.requirement(action))
            }
        }
        try await checkBatchKeys(operations, caller: caller)
        try await checkReachableReferences(
            operations.enumerated().compactMap { index, operation in operation.input.map { (index, $0) } }, caller: caller,
            dataPaths: operations.map(\.data))
        let origin = origin(context)
        var plan = WritePlan()
        var writes: [RecordWriter<Record>.PlannedWrite] = []
        for operation in operations {
            let values: BindValues
            let statement: SQLStatement
            let change: RecordChange.Operation
            switch operation.action {
            case .create:
                values = insertValues(operation.input!, caller: caller)
                (statement, change) = (sql.insert.statement(values), .created)
            case .replace:
                values = BindValues(key: operation.id!, input: operation.input!, caller: caller)
                (statement, change) = (sql.replace.statement(values), .updated)
            case .update:
                values = BindValues(key: operation.id!, input: operation.input!, caller: caller)
                (statement, change) = (sql.patch.statement(values), .updated)
            default:
                values = BindValues(key: operation.id!, caller: caller)
                (statement, change) = (sql.delete.statement(values), .deleted)
            }
            let lock = change == .updated ? sql.lockByID.statement(values) : nil
            writes.append(writer.add(statement, change, lock: lock, origin: origin, to: &plan))
        }
        let results: WriteResults
        let writtenWrites = writes
        do {
            results = try await writer.run(plan, writes: writes, origin: origin) { results in
                IdempotentAnswer(
                    status: .ok, fields: [.contentType: JSONResponse.contentType],
                    body: try batchResults(operations, writes: writtenWrites, results: results))
            }
        } catch let error as DatabaseError {
            throw try await explainBatch(error, operations, caller: caller)
        }
        return JSONResponse.make(status: .ok, bytes: try batchResults(operations, writes: writes, results: results))
    }

    /// `{"results": [{"action", "status", "record" | "id"}]}` in request order.
    private func batchResults(
        _ operations: [BatchOperation], writes: [RecordWriter<Record>.PlannedWrite], results: WriteResults
    ) throws -> [UInt8] {
        var json = JSONWriter(capacity: 256 * operations.count)
        json.beginObject()
        json.key("results")
        json.beginArray()
        for (operation, write) in zip(operations, writes) {
            let result = results.first(write.step) ?? WriteResult(rows: [], changes: 0)
            json.beginObject()
            json.member("action", operation.action.rawValue)
            if operation.action == .delete {
                json.member("status", result.changes > 0 ? 204 : 404)
                json.member("id", operation.id!.keyText)
            } else if let row = result.rows.first {
                let record = try Record(row: row)
                json.member("status", operation.action == .create ? 201 : 200)
                json.key("record")
                record.writeJSON(to: &json)
            } else {
                json.member("status", 404)
                json.member("id", (operation.id ?? .null).keyText)
            }
            json.endObject()
        }
        json.endArray()
        json.endObject()
        return json.bytes
    }

    /// Validates the body shape and every operation, collecting every problem; `authorize` sees
    /// the actions named before any item problem is reported.
    private func parseBatch(
        _ body: JSONInput, allowed: Set<TableOperationKind>, authorize: (Set<TableOperationKind>) throws(APIError) -> Void
    ) throws(APIError) -> [BatchOperation] {
        guard case .object(let top) = body, case .array(let items)? = top["operations"], top.count == 1 else {
            throw APIError.validation([.init(field: "operations", message: "the body must be {\"operations\": [...]} and nothing else")])
        }
        guard (1...settings.maxBatchSize).contains(items.count) else {
            throw APIError.validation([.init(field: "operations", message: "holds \(items.count) operations; send 1 to \(settings.maxBatchSize)")])
        }
        let allowedNames = ["create", "replace", "update", "delete"].filter { allowed.contains(TableOperationKind(rawValue: $0)!) }
        var operations: [BatchOperation] = []
        var errors: [APIError.FieldError] = []
        for (index, item) in items.enumerated() {
            let prefix = "operations[\(index)]"
            guard case .object(let members) = item else {
                errors.append(.init(field: prefix, message: "must be an object"))
                continue
            }
            guard case .string(let name)? = members["action"], allowedNames.contains(name), let action = TableOperationKind(rawValue: name) else {
                errors.append(.init(field: prefix + ".action", message: "must be one of \(allowedNames.joined(separator: ", "))"))
                continue
            }
            let needsID = action != .create
            let needsData = action != .delete
            for key in members.keys.sorted() where !["action", "id", "data"].contains(key) || (key == "id" && !needsID) || (key == "data" && !needsData) {
                errors.append(.init(field: "\(prefix).\(key)", message: "is not accepted for \(name)"))
            }
            var id: SQLValue?
            if needsID {
                switch members["id"] {
                case .string(let text)?: id = primaryKey(text: text)
                // 42.0 is the integer 42 in JSON (as field values are read; `JSONInput.integerValue`).
                case let value?: id = value.integerValue.flatMap { primaryKey(text: String($0)) }
                default: id = nil
                }
                if id == nil { errors.append(.init(field: prefix + ".id", message: "must be the \(table.primaryKeyName) of a \(table.name) record")) }
            }
            var input: ValidatedObject?
            if needsData {
                let mode: InputValidator.Mode = action == .create ? .create : action == .replace ? .replace : .patch
                // Not an object: name `data` itself (the validator would name the whole body `body`).
                if case .object = members["data"] {
                    do {
                        input = try validated(members["data"] ?? .null, mode: mode)
                    } catch {
                        errors += error.fieldErrors.map { .init(field: "\(prefix).data.\($0.field)", message: $0.message) }
                        if error.fieldErrors.isEmpty { errors.append(.init(field: prefix + ".data", message: "must be an object")) }
                    }
                } else {
                    errors.append(.init(field: prefix + ".data", message: "must be a JSON object"))
                }
            }
            operations.append(BatchOperation(action: action, id: id, input: input, item: prefix, data: prefix + ".data"))
        }
        try authorize(Set(operations.map(\.action)))
        guard errors.isEmpty else { throw APIError.validation(errors) }
        return operations
    }

    /// One statement checks that every id named exists; missing ones are per-item 422s.
    /// Ids of rows the caller may not see (another tenant's, another owner's) count as missing.
    private func checkBatchKeys(_ operations: [BatchOperation], caller: RowCaller) async throws {
        let ids = operations.compactMap(\.id)
        guard !ids.isEmpty else { return }
        var placeholders = PlaceholderSequence(dialect: database.dialect)
        let list = placeholders.list(ids.count)
        let key = table.statements.primaryKeyColumn
        let scope = table.access.map { " AND " + $0.condition(&placeholders) } ?? ""
        let rows = try await database.fetch(SQLStatement(
            "SELECT \(key) FROM \(table.statements.table) WHERE \(key) IN (\(list))\(table.softDelete ? " AND \"deleted_at\" IS NULL" : "")\(scope)",
            ids + caller.binds))
        let existing = Set(rows.compactMap { $0.values.first?.keyText })
        var errors: [APIError.FieldError] = []
        for (index, operation) in operations.enumerated() {
            guard let id = operation.id, !existing.contains(id.keyText) else { continue }
            errors.append(.init(field: operation.item + ".id", message: "no \(table.name) record has \(table.primaryKeyName) \(id.keyText)"))
        }
        guard errors.isEmpty else { throw APIError.validation(errors) }
    }

    /// Maps a failed transaction to the item that caused it where that can be found out.
    func explainBatch(_ error: DatabaseError, _ operations: [BatchOperation], caller: RowCaller) async throws -> any Error {
        if case .uniqueViolation(let columns) = error.code {
            if let conflict = try await uniqueConflict(columns: columns, operations, caller: caller) { return conflict }
            return try await explain(error, input: ValidatedObject(values: []))
        }
        guard case .foreignKeyViolation = error.code else { return error }
        if let missing = try await missingReferences(operations, caller: caller) { return missing }
        if let conflict = try await referencedDeletes(operations) { return conflict }
        return APIError.conflict("The batch conflicts with related records (a deleted record is still referenced); nothing was changed.")
    }
}
