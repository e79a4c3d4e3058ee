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
        let results = try await database.write([SQLStatement(statement, [id] + caller.binds)])
        if let row = results.first?.rows.first {
            let record = try Record(row: row)
            await listeners.announce(.updated, record)
            return EntityTag.response(status: .ok, value: record)
        }
        guard let row = try await database.fetch(SQLStatement(sql.selectByID, [id] + caller.binds)).first else {
            throw APIError.recordNotFound(table: table.name, id: context.parameters.get("id") ?? "")
        }
        return EntityTag.response(status: .ok, value: try Record(row: row))
    }
}
