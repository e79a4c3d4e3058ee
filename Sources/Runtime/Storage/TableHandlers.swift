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
        self.sql = ResolvedStatements(Record.table.statements, dialect: database.dialect)
    }

    var table: TableDescriptor { Record.table }

    /// `GET /<table>`: a page of records with `total`.
    public func list(_ request: Request, context: LoomRequestContext) async throws -> Response {
        let query = try ListQuery.parse(request.uri, table: table, limits: settings.pageLimits)
        let statements = sql.list(query, dialect: database.dialect)
        let results = try await database.fetchSnapshot([statements.page, statements.count])
        var writer = JSONWriter(capacity: 256 * max(results[0].count, 1))
        writer.beginObject()
        writer.key("items")
        writer.beginArray()
        for row in results[0] {
            try Record(row: row).writeJSON(to: &writer)
        }
        writer.endArray()
        var total = RowReader(results[1].first ?? SQLRow(values: [.integer(0)]))
        writer.key("total")
        writer.value(try total.integer())
        writer.key("limit")
        writer.value(query.limit)
        writer.key("offset")
        writer.value(query.offset)
        writer.endObject()
        return JSONResponse.make(status: .ok, bytes: writer.bytes)
    }

    /// `GET /<table>/{id}`.
    public func get(_ request: Request, context: LoomRequestContext) async throws -> Response {
        let id = try primaryKey(context)
        let rows = try await database.fetchByKey(SQLStatement(sql.selectByID, [id]))
        guard let row = rows.first else { throw notFound(context) }
        return JSONResponse.make(status: .ok, value: try Record(row: row))
    }

    /// `POST /<table>`: 201 with `Location`.
    public func create(_ request: Request, context: LoomRequestContext) async throws -> Response {
        let body = try await RequestBody.json(request, limit: settings.maxBodyBytes)
        let input = try InputValidator.validate(body: body, rules: table.fields, mode: .create)
        var binds: [SQLValue] = []
        binds.reserveCapacity(table.fields.count + 3)
        if table.primaryKeyKind == .uuid { binds.append(.uuid(UUID())) }
        binds.append(contentsOf: input.values.map { $0?.sqlValue ?? .null })
        if table.timestamps {
            let now = TimestampFormat.now()
            binds.append(.timestamp(now))
            binds.append(.timestamp(now))
        }
        let record = try await writeOne(SQLStatement(sql.insert, binds), input: input, context: context)
        var headers = HTTPFields()
        headers[.location] = table.path + "/" + record.primaryKeyText
        await listeners.announce(.created, record)
        return JSONResponse.make(status: .created, value: record, headers: headers)
    }

    /// `PUT /<table>/{id}`: replaces every writable field.
    public func replace(_ request: Request, context: LoomRequestContext) async throws -> Response {
        let id = try primaryKey(context)
        let body = try await RequestBody.json(request, limit: settings.maxBodyBytes)
        let input = try InputValidator.validate(body: body, rules: table.fields, mode: .replace)
        let binds = updateBinds(input, id: id, flagged: false)
        let record = try await writeOne(SQLStatement(sql.replace, binds), input: input, context: context)
        await listeners.announce(.updated, record)
        return JSONResponse.make(status: .ok, value: record)
    }

    /// `PATCH /<table>/{id}`: changes only the fields sent.
    public func update(_ request: Request, context: LoomRequestContext) async throws -> Response {
        let id = try primaryKey(context)
        let body = try await RequestBody.json(request, limit: settings.maxBodyBytes)
        let input = try InputValidator.validate(body: body, rules: table.fields, mode: .patch)
        let binds = updateBinds(input, id: id, flagged: true)
        let record = try await writeOne(SQLStatement(sql.patch, binds), input: input, context: context)
        await listeners.announce(.updated, record)
        return JSONResponse.make(status: .ok, value: record)
    }

    /// `DELETE /<table>/{id}`: 204.
    public func delete(_ request: Request, context: LoomRequestContext) async throws -> Response {
        let id = try primaryKey(context)
        let results: [WriteResult]
        do {
            results = try await database.write([SQLStatement(sql.delete, [id])])
        } catch let error as DatabaseError where error.code == .foreignKeyViolation {
            throw APIError.conflict("The record is still referenced by records of other tables; delete or re-point those first.")
        }
        guard results.first?.changes ?? 0 > 0 else { throw notFound(context) }
        await listeners.announce(RecordChange(table: table.name, operation: .deleted, id: Self.text(of: id), json: []))
        return Response(status: .noContent)
    }

    // MARK: - Helpers

    /// Binds of `replace` (each writable value) or `patch` (an is-set flag before each value),
    /// then `updated_at` and the key, in the order `TableDescriptor` documents.
    private func updateBinds(_ input: ValidatedObject, id: SQLValue, flagged: Bool) -> [SQLValue] {
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

    private func primaryKey(_ context: LoomRequestContext) throws -> SQLValue {
        let text = context.parameters.get("id") ?? ""
        switch table.primaryKeyKind {
        case .uuid:
            guard let uuid = UUID(uuidString: text) else { throw notFound(context) }
            return .uuid(uuid)
        case .integer:
            guard let integer = Int64(text) else { throw notFound(context) }
            return .integer(integer)
        }
    }

    private func notFound(_ context: LoomRequestContext) -> APIError {
        .recordNotFound(table: table.name, id: context.parameters.get("id") ?? "")
    }

    /// Runs one write that returns the row; maps constraint failures to 409/422 naming fields.
    private func writeOne(_ statement: SQLStatement, input: ValidatedObject, context: LoomRequestContext) async throws -> Record {
        do {
            let results = try await database.write([statement])
            guard let row = results.first?.rows.first else { throw notFound(context) }
            return try Record(row: row)
        } catch let error as DatabaseError {
            throw try await explain(error, input: input)
        }
    }

    private func explain(_ error: DatabaseError, input: ValidatedObject) async throws -> any Error {
        switch error.code {
        case .uniqueViolation(let columns):
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

    static func text(of value: SQLValue) -> String {
        switch value {
        case .uuid(let uuid): return uuid.uuidString.lowercased()
        case .integer(let integer): return String(integer)
        default: return ""
        }
    }
}
