import Foundation
import Hummingbird
import ValueFormats

/// The CRUD operations of one generated table: parse, validate, run the generated SQL, answer.
///
/// Generated code only declares the table (`TableDescriptor`) and its record type; all the
/// behaviour lives here once, so every table of every app behaves identically.
public struct TableHandlers<Record: TableRecord>: Sendable {
    let database: any DatabaseClient
    let settings: AppSettings
    /// Signs and checks list cursors.
    let cursors: CursorCodec
    let sql: ResolvedStatements
    /// Every write goes through it, with the server's write hooks.
    let writer: RecordWriter<Record>
    /// The table, copied once: `Record.table` is a protocol requirement, so reading a member
    /// through it copies (retains and releases) the whole descriptor on every access.
    let table: TableDescriptor
    /// `include_deleted` as the app spells it, spelled once.
    let includeDeleted: String

    /// Creates the handlers, choosing the SQL of the database's dialect once.
    public init(database: any DatabaseClient, settings: AppSettings, hooks: WriteHooks, cursors: CursorCodec) {
        self.database = database
        self.settings = settings
        self.cursors = cursors
        self.table = Record.table
        self.includeDeleted = ListQuery.includeDeletedName(settings.naming)
        let sql = ResolvedStatements(Record.table, dialect: database.dialect)
        self.sql = sql
        self.writer = RecordWriter(database: database, hooks: hooks, sql: sql)
    }

    /// `GET /<table>`: a page of records with `total` (unless `count=none`) and `next_cursor`.
    /// One snapshot read of at most two statements, whatever the page size.
    public func list(_ request: Request, context: LoomRequestContext) async throws -> Response {
        let caller = try RowCaller(context, table: table)
        let query = try ListQuery.parse(request.uri, table: table, limits: settings.pageLimits, cursors: cursors, includeDeleted: includeDeleted)
        let statements = try sql.list(query, caller: caller)
        let selection = try query.fieldsText.map { text throws(APIError) in try FieldSelection.parse(text, members: sql.selectableMembers) }
        let results = try await database.fetchPage(statements.read)
        return JSONResponse.make(status: .ok, bytes: try page(results, statements: statements, query: query, selection: selection))
    }

    /// `GET /<table>/{id}`, with an `ETag`; 304 when `If-None-Match` names the current version.
    /// `?fields=` selects members (the tag then covers the selected representation).
    public func get(_ request: Request, context: LoomRequestContext) async throws -> Response {
        let caller = try RowCaller(context, table: table)
        let id = try primaryKey(context)
        let selection = try QueryString(request.uri)["fields"].map { text throws(APIError) in
            try FieldSelection.parse(text, members: sql.selectableMembers)
        }
        let rows = try await database.fetchByKey(sql.selectByID.statement(BindValues(key: id, caller: caller)))
        guard let row = rows.first else { throw notFound(context) }
        let (bytes, tag) = try tagged(row, selection: selection)
        if let condition = request.headers[.ifNoneMatch], EntityTag.header(condition, matches: tag, weak: true) {
            return Response(status: .notModified, headers: [.eTag: tag])
        }
        return JSONResponse.make(status: .ok, bytes: bytes, headers: [.eTag: tag])
    }

    /// `GET /<table>/{id}` answered on the event loop (`InlineReads`) for `identity` (`nil`:
    /// anonymous), bound into the table's tenant and owner conditions as `get` binds them: the
    /// record's JSON and tag, exactly what `get` sends, or `nil` when the caller lacks what the
    /// table's rows need, the key is malformed, the record missing (or another tenant's) or the
    /// read cannot run inline now; the request then goes through `get`, which reports each case.
    func inlineRead(key text: Substring, identity: Identity?) -> InlineRecord? {
        guard let caller = try? RowCaller(identity, table: table), let id = primaryKey(text: String(text)),
            let rows = try? database.fetchByKeyInline(sql.selectByID.statement(BindValues(key: id, caller: caller))), let row = rows.first,
            let (bytes, tag) = try? tagged(row)
        else { return nil }
        return InlineRecord(bytes: bytes, tag: tag)
    }

    /// `POST /<table>`: 201 with `Location`.
    public func create(_ request: Request, context: LoomRequestContext) async throws -> Response {
        let caller = try RowCaller(context, table: table)
        let body = try await RequestBody.json(request, limit: settings.maxBodyBytes)
        let input = try validatedRequest(body, mode: .create)
        try await checkReachableReferences([(0, input)], caller: caller)
        let statement = sql.insert.statement(insertValues(input, caller: caller))
        let created: @Sendable (Record) -> (HTTPResponse.Status, HTTPFields) = { record in
            var headers = HTTPFields()
            headers[.location] = location(of: record)
            return (.created, headers)
        }
        let record = try await writeOne(statement, .created, input: input, context: context, answer: { keptAnswer(created($0), $0) })
        return respond(created(record), record)
    }

    /// `PUT /<table>/{id}`: replaces every writable field.
    public func replace(_ request: Request, context: LoomRequestContext) async throws -> Response {
        try await change(request, context: context, mode: .replace, plain: sql.replace, guarded: sql.guardedReplace)
    }

    /// `PATCH /<table>/{id}`: changes only the fields sent.
    public func update(_ request: Request, context: LoomRequestContext) async throws -> Response {
        try await change(request, context: context, mode: .patch, plain: sql.patch, guarded: sql.guardedPatch)
    }

    /// `replace` and `update`: validate, check references and `If-Match`, write, answer 200.
    private func change(
        _ request: Request, context: LoomRequestContext, mode: InputValidator.Mode, plain: ResolvedTemplate,
        guarded: ResolvedTemplate
    ) async throws -> Response {
        let caller = try RowCaller(context, table: table)
        let id = try primaryKey(context)
        let body = try await RequestBody.json(request, limit: settings.maxBodyBytes)
        let input = try validatedRequest(body, mode: mode)
        try await checkReachableReferences([(0, input)], caller: caller)
        let previous = try await checkIfMatch(request, id: id, caller: caller, context: context)
        let values = BindValues(key: id, input: input, caller: caller, previous: previous ?? [])
        let statement = (previous == nil ? plain : guarded).statement(values)
        let record = try await writeOne(
            statement, .updated, lock: sql.lockByID.statement(values), input: input, context: context, guarded: previous != nil,
            answer: { keptAnswer((.ok, [:]), $0) })
        return respond((.ok, [:]), record)
    }

    /// `DELETE /<table>/{id}`: 204.
    public func delete(_ request: Request, context: LoomRequestContext) async throws -> Response {
        let caller = try RowCaller(context, table: table)
        let id = try primaryKey(context)
        let previous = try await checkIfMatch(request, id: id, caller: caller, context: context)
        let values = BindValues(key: id, caller: caller, previous: previous ?? [])
        let statement = (previous == nil ? sql.delete : sql.guardedDelete).statement(values)
        let origin = origin(context)
        var plan = WritePlan()
        let write = writer.add(statement, .deleted, origin: origin, to: &plan)
        let results: WriteResults
        do {
            results = try await writer.run(plan, writes: [write], origin: origin)
        } catch let error as DatabaseError where error.code == .foreignKeyViolation {
            throw APIError.conflict("The record is still referenced by records of other tables; delete or re-point those first.")
        }
        guard results.first(write.step)?.changes ?? 0 > 0 else {
            throw previous == nil ? notFound(context) : APIError.preconditionFailed(table: table.name, id: id.keyText)
        }
        return Response(status: .noContent)
    }

    // MARK: - Helpers

    /// The values of an `insert` (or `upsert`): a new key if the table's key is a uuid, the
    /// fields, the time, and the caller's tenant and owner, never values from the body.
    func insertValues(_ input: ValidatedObject, caller: RowCaller) -> BindValues {
        BindValues(key: table.primaryKeyKind.newKey, input: input, caller: caller)
    }

    /// Who makes the request's changes, for write hooks.
    func origin(_ context: LoomRequestContext) -> RecordWriter<Record>.Origin {
        .init(
            identity: context.identity, requestID: context.requestID, clientAddress: RequestClientAddress.of(context),
            idempotency: context.idempotencyClaim)
    }

    /// With `If-Match`, reads the record and answers 412 unless its current tag is listed; returns
    /// the row's values, which guard the write (`GuardedStatements`) so the check and the write
    /// act as one. Costs one read only when the header is sent.
    private func checkIfMatch(
        _ request: Request, id: SQLValue, caller: RowCaller, context: LoomRequestContext
    ) async throws -> [SQLValue]? {
        guard let condition = request.headers[.ifMatch] else { return nil }
        let rows = try await database.fetch(sql.selectByID.statement(BindValues(key: id, caller: caller)))
        guard let row = rows.first else { throw notFound(context) }
        guard EntityTag.header(condition, matches: try tagged(row).tag, weak: false) else {
            throw APIError.preconditionFailed(table: table.name, id: context.parameters.get("id") ?? "")
        }
        return row.values
    }

    /// The record's JSON (in its envelope) and its entity tag, from one serialisation.
    func tagged(_ row: SQLRow, selection: FieldSelection? = nil) throws -> (bytes: [UInt8], tag: String) {
        let record = try Record(row: row)
        let bytes = table.recordEnvelope.bytes { writer in
            if let selection { record.writeJSON(to: &writer, selecting: selection) } else { record.writeJSON(to: &writer) }
        }
        return (bytes, EntityTag.make(bytes))
    }

    /// The key parsed from URL or body text; `nil` when it cannot be one.
    func primaryKey(text: String) -> SQLValue? {
        switch table.primaryKeyKind {
        case .uuid: return ValueFormats.uuid(text).map { .uuid($0) }
        case .integer: return Int64(text).map { .integer($0) }
        case .prefixed(let prefix): return PrefixedKey.isValid(text, prefix: prefix) ? .text(text) : nil
        }
    }

    private func primaryKey(_ context: LoomRequestContext) throws -> SQLValue {
        guard let key = primaryKey(text: context.parameters.get("id") ?? "") else { throw notFound(context) }
        return key
    }

    private func notFound(_ context: LoomRequestContext) -> APIError {
        .recordNotFound(table: table.name, id: context.parameters.get("id") ?? "")
    }

    /// Runs one write that returns the row, with its hooks; maps constraint failures to 409/422
    /// naming fields. No row back means the record is gone, or, for a `guarded` write, changed
    /// since `If-Match` was checked (412).
    /// With an idempotency claim, `answer` renders the answer from the written record in the
    /// write's transaction, where the claim stores it.
    private func writeOne(
        _ statement: SQLStatement, _ operation: RecordChange.Operation, lock: SQLStatement? = nil, input: ValidatedObject,
        context: LoomRequestContext, guarded: Bool = false, answer: @escaping @Sendable (Record) -> IdempotentAnswer
    ) async throws -> Record {
        let origin = origin(context)
        var plan = WritePlan()
        let write = writer.add(statement, operation, lock: lock, origin: origin, to: &plan)
        do {
            let results = try await writer.run(plan, writes: [write], origin: origin) { results in
                try results.first(write.step)?.rows.first.map { answer(try Record(row: $0)) }
            }
            guard let row = results.first(write.step)?.rows.first else {
                throw guarded ? APIError.preconditionFailed(table: table.name, id: context.parameters.get("id") ?? "") : notFound(context)
            }
            return try Record(row: row)
        } catch let error as DatabaseError {
            throw try await explain(error, input: input)
        }
    }

    /// The client's view of a failed write (see `RecordWriter.explain`).
    func explain(_ error: DatabaseError, input: ValidatedObject) async throws -> any Error {
        try await writer.explain(error, input: input)
    }
}
