import Foundation
import Hummingbird

/// The CRUD operations of one generated table: parse, validate, run the generated SQL, answer.
///
/// Generated code only declares the table (`TableDescriptor`) and its record type; all the
/// behaviour lives here once, so every table of every app behaves identically.
public struct TableHandlers<Record: TableRecord>: Sendable {
    let database: any DatabaseClient
    let settings: AppSettings
    let listeners: [any RecordChangeListener]
    let sql: ResolvedStatements

    /// Creates the handlers, choosing the SQL of the database's dialect once.
    public init(database: any DatabaseClient, settings: AppSettings, listeners: [any RecordChangeListener]) {
        self.database = database
        self.settings = settings
        self.listeners = listeners
        self.sql = ResolvedStatements(Record.table, dialect: database.dialect)
    }

    var table: TableDescriptor { Record.table }

    /// `GET /<table>`: a page of records with `total` (unless `count=none`) and `next_cursor`.
    /// One snapshot read of at most two statements, whatever the page size.
    public func list(_ request: Request, context: LoomRequestContext) async throws -> Response {
        let caller = try RowCaller(context, table: table)
        let query = try ListQuery.parse(request.uri, table: table, limits: settings.pageLimits)
        let statements = try sql.list(query, caller: caller)
        let selection = try query.fieldsText.map { text throws(APIError) in try FieldSelection.parse(text, positions: sql.memberPositions) }
        let results = try await database.fetchSnapshot(statements.all)
        let rows = results[0].prefix(query.limit)
        var writer = JSONWriter(capacity: 256 * max(rows.count, 1))
        writer.beginObject()
        writer.key("items")
        writer.beginArray()
        for row in rows {
            let record = try Record(row: row)
            if let selection { record.writeJSON(to: &writer, selecting: selection) } else { record.writeJSON(to: &writer) }
        }
        writer.endArray()
        if !statements.expansions.isEmpty {
            writer.key("expand")
            writer.beginObject()
            for (index, expansion) in statements.expansions.enumerated() {
                try expansion.write(results[1 + index], to: &writer)
            }
            writer.endObject()
        }
        writer.key("total")
        if statements.count != nil, let countRows = results.last {
            var total = RowReader(countRows.first ?? SQLRow(values: [.integer(0)]))
            writer.value(try total.integer())
        } else {
            writer.null()
        }
        writer.key("limit")
        writer.value(query.limit)
        writer.key("offset")
        writer.value(query.offset)
        writer.key("next_cursor")
        if results[0].count > query.limit, let last = rows.last {
            writer.value(CursorCodec.encode(statements.cursorIndexes.map { last.values[$0] }, sortText: query.sortText))
        } else {
            writer.null()
        }
        writer.endObject()
        return JSONResponse.make(status: .ok, bytes: writer.bytes)
    }

    /// `GET /<table>/{id}`, with an `ETag`; 304 when `If-None-Match` names the current version.
    /// `?fields=` selects members (the tag then covers the selected representation).
    public func get(_ request: Request, context: LoomRequestContext) async throws -> Response {
        let caller = try RowCaller(context, table: table)
        let id = try primaryKey(context)
        let selection = try QueryString(request.uri)["fields"].map { text throws(APIError) in
            try FieldSelection.parse(text, positions: sql.memberPositions)
        }
        let rows = try await database.fetchByKey(SQLStatement(sql.selectByID, caller.binds.isEmpty ? [id] : [id] + caller.binds))
        guard let row = rows.first else { throw notFound(context) }
        let (bytes, tag) = try tagged(row, selection: selection)
        if let condition = request.headers[.ifNoneMatch], EntityTag.header(condition, matches: tag, weak: true) {
            return Response(status: .notModified, headers: [.eTag: tag])
        }
        return JSONResponse.make(status: .ok, bytes: bytes, headers: [.eTag: tag])
    }

    /// `GET /<table>/{id}` answered on the event loop (`InlineReads`; only for tables without
    /// row rules, so no caller binds): the record's JSON and tag, exactly what `get` sends, or
    /// `nil` when the key is malformed, the record missing or the read cannot run inline now;
    /// the request then goes through `get`, which reports each case.
    func inlineRead(key text: Substring) -> InlineRecord? {
        guard let id = primaryKey(text: String(text)),
            let rows = try? database.fetchByKeyInline(SQLStatement(sql.selectByID, [id])), let row = rows.first,
            let (bytes, tag) = try? tagged(row)
        else { return nil }
        return InlineRecord(bytes: bytes, tag: tag)
    }

    /// `POST /<table>`: 201 with `Location`.
    public func create(_ request: Request, context: LoomRequestContext) async throws -> Response {
        let caller = try RowCaller(context, table: table)
        let body = try await RequestBody.json(request, limit: settings.maxBodyBytes)
        let input = try validated(body, mode: .create)
        try await checkReachableReferences([(0, input)], caller: caller, batch: false)
        let record = try await writeOne(SQLStatement(sql.insert, insertBinds(input, caller: caller)), input: input, context: context)
        var headers = HTTPFields()
        headers[.location] = table.path + "/" + record.primaryKeyText
        await listeners.announce(.created, record)
        return EntityTag.response(status: .created, value: record, headers: headers)
    }

    /// `PUT /<table>/{id}`: replaces every writable field.
    public func replace(_ request: Request, context: LoomRequestContext) async throws -> Response {
        let caller = try RowCaller(context, table: table)
        let id = try primaryKey(context)
        let body = try await RequestBody.json(request, limit: settings.maxBodyBytes)
        let input = try validated(body, mode: .replace)
        try await checkReachableReferences([(0, input)], caller: caller, batch: false)
        let guardValues = try await checkIfMatch(request, id: id, caller: caller, context: context)
        let binds = updateBinds(input, id: id, flagged: false) + caller.binds
        let statement = guardValues.map { SQLStatement(sql.conditional.replace, binds + $0) } ?? SQLStatement(sql.replace, binds)
        let record = try await writeOne(statement, input: input, context: context, guarded: guardValues != nil)
        await listeners.announce(.updated, record)
        return EntityTag.response(status: .ok, value: record)
    }

    /// `PATCH /<table>/{id}`: changes only the fields sent.
    public func update(_ request: Request, context: LoomRequestContext) async throws -> Response {
        let caller = try RowCaller(context, table: table)
        let id = try primaryKey(context)
        let body = try await RequestBody.json(request, limit: settings.maxBodyBytes)
        let input = try validated(body, mode: .patch)
        try await checkReachableReferences([(0, input)], caller: caller, batch: false)
        let guardValues = try await checkIfMatch(request, id: id, caller: caller, context: context)
        let binds = updateBinds(input, id: id, flagged: true) + caller.binds
        let statement = guardValues.map { SQLStatement(sql.conditional.patch, binds + $0) } ?? SQLStatement(sql.patch, binds)
        let record = try await writeOne(statement, input: input, context: context, guarded: guardValues != nil)
        await listeners.announce(.updated, record)
        return EntityTag.response(status: .ok, value: record)
    }

    /// `DELETE /<table>/{id}`: 204.
    public func delete(_ request: Request, context: LoomRequestContext) async throws -> Response {
        let caller = try RowCaller(context, table: table)
        let id = try primaryKey(context)
        let guardValues = try await checkIfMatch(request, id: id, caller: caller, context: context)
        let statement = guardValues.map { SQLStatement(sql.conditional.delete, [id] + caller.binds + $0) }
            ?? SQLStatement(sql.delete, [id] + caller.binds)
        let results: [WriteResult]
        do {
            results = try await database.write([statement])
        } catch let error as DatabaseError where error.code == .foreignKeyViolation {
            throw APIError.conflict("The record is still referenced by records of other tables; delete or re-point those first.")
        }
        guard results.first?.changes ?? 0 > 0 else {
            throw guardValues == nil ? notFound(context) : APIError.preconditionFailed(table: table.name, id: id.keyText)
        }
        await listeners.announce(RecordChange(table: table.name, operation: .deleted, id: id.keyText, json: []))
        return Response(status: .noContent)
    }

    // MARK: - Helpers

    /// Binds of `insert`: a new key if uuid, every field, the timestamps, then the access
    /// columns (tenant and owner) from the caller, never from the body.
    func insertBinds(_ input: ValidatedObject, caller: RowCaller) -> [SQLValue] {
        var binds: [SQLValue] = []
        binds.reserveCapacity(table.fields.count + 3)
        if table.primaryKeyKind == .uuid { binds.append(.uuid(UUID())) }
        binds.append(contentsOf: input.values.map { $0?.sqlValue ?? .null })
        if table.timestamps {
            let now = TimestampFormat.now()
            binds.append(.timestamp(now))
            binds.append(.timestamp(now))
        }
        binds += caller.insertValues
        return binds
    }

    /// Binds of `replace` (each writable value) or `patch` (an is-set flag before each value),
    /// then `updated_at` and the key, in the order `TableDescriptor` documents.
    func updateBinds(_ input: ValidatedObject, id: SQLValue, flagged: Bool) -> [SQLValue] {
        var binds: [SQLValue] = []
        binds.reserveCapacity(table.fields.count * 2 + 2)
        for (rule, value) in zip(table.fields, input.values) where !rule.readOnly {
            if flagged { binds.append(.bool(value != nil)) }
            binds.append(value?.sqlValue ?? .null)
        }
        if table.timestamps { binds.append(.timestamp(TimestampFormat.now())) }
        binds.append(id)
        return binds
    }

    /// With `If-Match`, reads the record and answers 412 unless its current tag is listed; returns
    /// the row's values, which guard the write (`ConditionalWrite`) so the check and the write act
    /// as one. Costs one read only when the header is sent.
    private func checkIfMatch(
        _ request: Request, id: SQLValue, caller: RowCaller, context: LoomRequestContext
    ) async throws -> [SQLValue]? {
        guard let condition = request.headers[.ifMatch] else { return nil }
        let rows = try await database.fetch(SQLStatement(sql.selectByID, [id] + caller.binds))
        guard let row = rows.first else { throw notFound(context) }
        guard EntityTag.header(condition, matches: try tagged(row).tag, weak: false) else {
            throw APIError.preconditionFailed(table: table.name, id: context.parameters.get("id") ?? "")
        }
        return row.values
    }

    /// The record's JSON and its entity tag, from one serialisation.
    private func tagged(_ row: SQLRow, selection: FieldSelection? = nil) throws -> (bytes: [UInt8], tag: String) {
        var writer = JSONWriter()
        let record = try Record(row: row)
        if let selection { record.writeJSON(to: &writer, selecting: selection) } else { record.writeJSON(to: &writer) }
        return (writer.bytes, EntityTag.make(writer.bytes))
    }

    /// The key parsed from URL or body text; `nil` when it cannot be one.
    func primaryKey(text: String) -> SQLValue? {
        switch table.primaryKeyKind {
        case .uuid: return UUID(uuidString: text).map { .uuid($0) }
        case .integer: return Int64(text).map { .integer($0) }
        }
    }

    private func primaryKey(_ context: LoomRequestContext) throws -> SQLValue {
        guard let key = primaryKey(text: context.parameters.get("id") ?? "") else { throw notFound(context) }
        return key
    }

    private func notFound(_ context: LoomRequestContext) -> APIError {
        .recordNotFound(table: table.name, id: context.parameters.get("id") ?? "")
    }

    /// Runs one write that returns the row; maps constraint failures to 409/422 naming fields.
    /// No row back means the record is gone, or, for a `guarded` write, changed since `If-Match` was checked (412).
    private func writeOne(
        _ statement: SQLStatement, input: ValidatedObject, context: LoomRequestContext, guarded: Bool = false
    ) async throws -> Record {
        do {
            let results = try await database.write([statement])
            guard let row = results.first?.rows.first else {
                throw guarded ? APIError.preconditionFailed(table: table.name, id: context.parameters.get("id") ?? "") : notFound(context)
            }
            return try Record(row: row)
        } catch let error as DatabaseError {
            throw try await explain(error, input: input)
        }
    }

    func explain(_ error: DatabaseError, input: ValidatedObject) async throws -> any Error {
        switch error.code {
        case .uniqueViolation(let reported):
            // A tenant table's unique index leads with the tenant columns; the client only sent the field.
            let columns = reported.filter { !(table.access?.columns.contains($0) ?? false) }
            let fields = columns.isEmpty ? ["body"] : columns
            return APIError.conflict(
                "Another record already has this value of \(fields.joined(separator: ", ")).",
                fieldErrors: fields.map { .init(field: $0, message: "is already taken by another record") })
        case .foreignKeyViolation:
            var fieldErrors: [APIError.FieldError] = []
            for check in table.relations {
                guard let value = input.values[check.fieldIndex], value != .null else { continue }
                let rows = try await database.fetch(SQLStatement(check.exists.text(for: database.dialect), [value.sqlValue]))
                if rows.isEmpty {
                    fieldErrors.append(.init(field: table.fields[check.fieldIndex].name, message: "references no record in \(check.table)"))
                }
            }
            if fieldErrors.isEmpty { return APIError.conflict("The write conflicts with related records.") }
            return APIError.validation(fieldErrors)
        default:
            return error
        }
    }
}
