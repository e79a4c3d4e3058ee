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
        let input = try validated(body, mode: .create)
        try await checkReachableReferences([(0, input)], caller: caller, batch: false)
        guard let key = input.values[upsert.fieldIndex], key != .null else {
            throw APIError.validation([.init(field: keyName, message: "is required for an upsert: it decides which record to replace")])
        }
        let results: [WriteResult]
        do {
            results = try await database.write([
                SQLStatement(upsert.lookup, [key.sqlValue] + caller.binds),
                SQLStatement(upsert.statement, insertBinds(input, caller: caller)),
            ])
        } catch let error as DatabaseError {
            throw try await explain(error, input: input)
        }
        guard let row = results.last?.rows.first else { throw APIError.internalError }
        let record = try Record(row: row)
        let created = results[0].rows.isEmpty
        var headers = HTTPFields()
        if created { headers[.location] = table.path + "/" + record.primaryKeyText }
        await listeners.announce(created ? .created : .updated, record)
        return EntityTag.response(status: created ? .created : .ok, value: record, headers: headers)
    }
}
