import Hummingbird

extension TableHandlers {
    /// `POST <collection>/batch` of a table with `envelopes.batch`: creates only, taking
    /// `{"<items>": [...]}` (1 to `limits.maxBatchSize` create bodies, each in the request
    /// envelope) and answering 201 `{"<created>": [...]}`, the records in request order as lists
    /// write them. All or nothing, in one transaction with every create's hooks (webhook
    /// outbox, audit): every body is validated and every relation checked before anything is
    /// written; problems are one 422 naming `<items>[i].<member>` for each failing item, and a
    /// unique conflict is a 409 naming the item.
    func createBatch(_ request: Request, context: LoomRequestContext, envelope: BatchEnvelope) async throws -> Response {
        let caller = try RowCaller(context, table: table)
        let body = try await RequestBody.json(request, limit: settings.maxBodyBytes)
        let operations = try parseCreateBatch(body, envelope: envelope)
        try await checkReachableReferences(
            operations.enumerated().compactMap { index, operation in operation.input.map { (index, $0) } }, caller: caller,
            dataPaths: operations.map(\.data))
        let origin = origin(context)
        var plan = WritePlan()
        let writes = operations.map { operation in
            writer.add(sql.insert.statement(insertValues(operation.input!, caller: caller)), .created, origin: origin, to: &plan)
        }
        let results: WriteResults
        do {
            results = try await writer.run(plan, writes: writes, origin: origin) { results in
                IdempotentAnswer(
                    status: .created, fields: [.contentType: JSONResponse.contentType],
                    body: try createdRecords(writes, results: results, envelope: envelope))
            }
        } catch let error as DatabaseError {
            throw try await explainBatch(error, operations, caller: caller)
        }
        return JSONResponse.make(status: .created, bytes: try createdRecords(writes, results: results, envelope: envelope))
    }

    /// `{"<created>": [records]}` in request order.
    private func createdRecords(
        _ writes: [RecordWriter<Record>.PlannedWrite], results: WriteResults, envelope: BatchEnvelope
    ) throws -> [UInt8] {
        var json = JSONWriter(capacity: 256 * writes.count)
        json.beginObject()
        json.key(envelope.created)
        json.beginArray()
        for write in writes {
            guard let row = results.first(write.step)?.rows.first else { throw APIError.internalError }
            try Record(row: row).writeJSON(to: &json)
        }
        json.endArray()
        json.endObject()
        return json.bytes
    }

    /// Validates the body's shape and every item as a create body, collecting every problem.
    private func parseCreateBatch(_ body: JSONInput, envelope: BatchEnvelope) throws(APIError) -> [BatchOperation] {
        let name = envelope.items
        guard case .object(let top) = body, case .array(let items)? = top[name], top.count == 1 else {
            throw APIError.validation([.init(field: name, message: "the body must be {\"\(name)\": [...]} and nothing else")])
        }
        guard (1...settings.maxBatchSize).contains(items.count) else {
            throw APIError.validation([.init(field: name, message: "holds \(items.count) records; send 1 to \(settings.maxBatchSize)")])
        }
        var operations: [BatchOperation] = []
        var errors: [APIError.FieldError] = []
        for (index, item) in items.enumerated() {
            let prefix = "\(name)[\(index)]"
            guard case .object = item else {
                errors.append(.init(field: prefix, message: "must be a JSON object"))
                continue
            }
            // Where this item's members are: inside the request envelope's member when it was sent wrapped.
            var data = prefix
            if let wrap = table.requestEnvelope.wrap, case .object(let members) = item, members[wrap] != nil { data += "." + wrap }
            do {
                let input = try validatedRequest(item, mode: .create)
                operations.append(BatchOperation(action: .create, id: nil, input: input, item: prefix, data: data))
            } catch {
                errors += error.fieldErrors.map { .init(field: "\(prefix).\($0.field)", message: $0.message) }
                if error.fieldErrors.isEmpty { errors.append(.init(field: prefix, message: error.detail)) }
            }
        }
        guard errors.isEmpty else { throw APIError.validation(errors) }
        return operations
    }
}
