import Hummingbird

extension TableHandlers {
    /// `POST /<table>/{id}/restore` on `softDelete` tables: clears `deleted_at`, answering 200
    /// with the live record and its `ETag`. Restoring a live record changes nothing and answers
    /// the same; an id that names no record, live or deleted, is a 404.
    ///
    /// One statement (`UPDATE ... SET "deleted_at" = NULL WHERE <key> = ? AND "deleted_at" IS NOT
    /// NULL RETURNING ...`); only when it matches nothing does a key read tell live from absent.
    public func restore(_ request: Request, context: LoomRequestContext) async throws -> Response {
        let caller = try RowCaller(context, table: table)
        guard let statement = sql.restore, let id = primaryKey(text: context.parameters.get("id") ?? "") else {
            throw APIError.recordNotFound(table: table.name, id: context.parameters.get("id") ?? "")
        }
        let values = BindValues(key: id, caller: caller)
        let origin = origin(context)
        var plan = WritePlan()
        let write = writer.add(statement.statement(values), .restored, origin: origin, to: &plan)
        let results = try await writer.run(plan, writes: [write], origin: origin) { results in
            try results.first(write.step)?.rows.first.map { keptAnswer((.ok, [:]), try Record(row: $0)) }
        }
        if let row = results.first(write.step)?.rows.first {
            return respond((.ok, [:]), try Record(row: row))
        }
        guard let row = try await database.fetch(sql.selectByID.statement(values)).first else {
            throw APIError.recordNotFound(table: table.name, id: context.parameters.get("id") ?? "")
        }
        return respond((.ok, [:]), try Record(row: row))
    }
}
