import Hummingbird

extension TableHandlers {
    /// `POST /<table>/upsert`: creates the record, or replaces the writable fields of the record
    /// that already holds the same value of the table's `upsertKey`. 201 + `Location` when it
    /// created, 200 when it replaced; both with `ETag`.
    ///
    /// One transaction of two statements: a lookup by the key value (which decides 201 or 200)
    /// and `INSERT ... ON CONFLICT (<key>) DO UPDATE`, so the write itself is atomic on both
    /// databases. The key field must be sent and not be null.
    public func upsert(_ request: Request, context: LoomRequestContext) async throws -> Response {
        guard let upsert = sql.upsert, let keyName = table.upsertKey else {
            throw APIError.routeNotFound(path: request.uri.path)
        }
        let caller = try RowCaller(context, table: table)
        let body = try await RequestBody.json(request, limit: settings.maxBodyBytes)
        let input = try validatedRequest(body, mode: .create)
        try await checkReachableReferences([(0, input)], caller: caller)
        guard let key = input.values[upsert.fieldIndex], key != .null else {
            throw APIError.validation([.init(field: keyName, message: "is required for an upsert: it decides which record to replace")])
        }
        let values = insertValues(input, caller: caller)
        let origin = origin(context)
        var plan = WritePlan()
        let lookup = plan.add(upsert.lookup.statement(values))
        let write = writer.add(
            upsert.statement.statement(values), operation: { results in results[lookup].first?.rows.isEmpty ?? true ? .created : .updated },
            origin: origin, to: &plan)
        /// 201 with `Location` when the lookup found nothing, else 200.
        let head: @Sendable (WriteResults, Record) -> (HTTPResponse.Status, HTTPFields) = { results, record in
            guard results.first(lookup)?.rows.isEmpty ?? true else { return (.ok, [:]) }
            var headers = HTTPFields()
            headers[.location] = location(of: record)
            return (.created, headers)
        }
        let results: WriteResults
        do {
            results = try await writer.run(plan, writes: [write], origin: origin) { results in
                try results.first(write.step)?.rows.first.map { row in
                    let record = try Record(row: row)
                    return keptAnswer(head(results, record), record)
                }
            }
        } catch let error as DatabaseError {
            throw try await explain(error, input: input)
        }
        guard let row = results.first(write.step)?.rows.first else { throw APIError.internalError }
        let record = try Record(row: row)
        return respond(head(results, record), record)
    }
}
