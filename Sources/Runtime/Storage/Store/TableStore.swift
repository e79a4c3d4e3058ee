import Foundation

/// How handwritten code (custom endpoint handlers) reads and writes a generated table: with
/// named members and typed columns, never positional binds, and with everything the table's
/// routes apply: the caller's tenant and owner conditions, the field rules, the server's write
/// hooks in the write's transaction, and the same 409/422 answers for constraint failures.
///
/// Get one from `HandlerContext.store(_:)`. Reads return queries (`record(_:)`, `records(...)`,
/// `count(...)`, `counts(by:...)`) that `read(_:)` runs, or that `HandlerContext.snapshot` runs
/// together against one snapshot; `find(_:)` reads one record at once.
public struct TableStore<Record: TableRecord>: Sendable {
    let writer: RecordWriter<Record>
    let caller: RowCaller
    let origin: RecordWriter<Record>.Origin

    private var sql: ResolvedStatements { writer.sql }
    private var database: any DatabaseClient { writer.database }

    /// The store of `Record`'s table for `identity`; 403 when the table's rows need a tenant
    /// binding (or user) the identity lacks.
    init(
        database: any DatabaseClient, hooks: WriteHooks, identity: Identity?, requestID: String?, clientAddress: String? = nil,
        idempotency: IdempotencyClaim? = nil, webhookReceipt: IncomingWebhookReceipt? = nil
    ) throws(APIError) {
        writer = RecordWriter(database: database, hooks: hooks, sql: ResolvedStatements(Record.table, dialect: database.dialect))
        caller = try RowCaller(identity, table: Record.table)
        origin = .init(
            identity: identity, requestID: requestID, clientAddress: clientAddress, idempotency: idempotency,
            webhookReceipt: webhookReceipt)
    }

    // MARK: - Reads

    /// The live record with `key` that the caller may see.
    public func record(_ key: Record.Key) -> RecordQuery<Record> {
        RecordQuery(statement: sql.selectByID.statement(BindValues(key: key.sqlValue, caller: caller)))
    }

    /// The live records matching `filter` that the caller may see, in `order` (the primary key
    /// breaks ties), at most `limit`.
    public func records(
        where filter: RowFilter<Record> = .all([]), orderBy order: [RowOrder<Record>] = [], limit: Int? = nil
    ) -> RecordsQuery<Record> {
        var placeholders = PlaceholderSequence(dialect: sql.dialect)
        var binds: [SQLValue] = []
        var text = sql.listPrefix + whereClause(filter, &placeholders, &binds)
        let keys = order.map { "\($0.column) \($0.descending ? "DESC" : "ASC")" } + [Record.table.statements.primaryKeyColumn + " ASC"]
        text += " ORDER BY " + keys.joined(separator: ", ")
        if let limit {
            text += " LIMIT " + placeholders.next()
            binds.append(.integer(Int64(max(limit, 0))))
        }
        return RecordsQuery(statement: SQLStatement(text, binds))
    }

    /// How many live records matching `filter` the caller may see.
    public func count(where filter: RowFilter<Record> = .all([])) -> CountQuery {
        var placeholders = PlaceholderSequence(dialect: sql.dialect)
        var binds: [SQLValue] = []
        return CountQuery(statement: SQLStatement(sql.countPrefix + whereClause(filter, &placeholders, &binds), binds))
    }

    /// How many live records matching `filter` the caller may see, per value of `column`.
    public func counts<Value: Hashable>(
        by column: TableColumn<Record, Value>, where filter: RowFilter<Record> = .all([])
    ) -> GroupCountQuery<Record, Value> {
        var placeholders = PlaceholderSequence(dialect: sql.dialect)
        var binds: [SQLValue] = []
        let text = "SELECT \(column.quoted), COUNT(*) FROM \(Record.table.statements.table)"
            + whereClause(filter, &placeholders, &binds) + " GROUP BY \(column.quoted)"
        return GroupCountQuery(statement: SQLStatement(text, binds), read: column.read)
    }

    /// Runs one query.
    public func read<Query: StoreQuery>(_ query: Query) async throws -> Query.Result {
        try query.decode(try await database.fetch(query.statement))
    }

    /// The live record with `key` that the caller may see, read at once.
    public func find(_ key: Record.Key) async throws -> Record? {
        try await read(record(key))
    }

    /// ` WHERE` with the caller's conditions, live rows and `filter`.
    private func whereClause(_ filter: RowFilter<Record>, _ placeholders: inout PlaceholderSequence, _ binds: inout [SQLValue]) -> String {
        var conditions: [String] = []
        if let access = sql.access {
            conditions.append(access.condition(&placeholders))
            binds += caller.binds
        }
        if sql.softDelete { conditions.append("\"deleted_at\" IS NULL") }
        conditions.append(filter.render(&placeholders, &binds))
        return " WHERE " + conditions.joined(separator: " AND ")
    }

    // MARK: - Writes

    /// Creates a record (with `key`, on a uuid-keyed table, or a new one), validated by the
    /// table's field rules (read-only fields may be set: the server is writing), together with
    /// `alongside` (statements that must commit with it, such as a credential) and the write
    /// hooks, in one transaction. 422/409 name the fields as the table's routes do.
    public func create(_ new: Record.New, key: Record.Key? = nil, alongside: WritePlan = WritePlan()) async throws -> Record {
        let input = try validated(new, mode: .create)
        var values = BindValues(key: key?.sqlValue ?? .null, input: input, caller: caller)
        if key == nil { values.key = Record.table.primaryKeyKind.newKey }
        var plan = WritePlan()
        let write = writer.add(sql.insert.statement(values), .created, origin: origin, to: &plan)
        plan.append(alongside)
        guard let row = try await run(plan, write, input: input) else { throw APIError.internalError }
        return try Record(row: row)
    }

    /// Changes the fields `changes` sets on the live record with `key` (read-only fields too),
    /// with the write hooks; `nil` when there is no such record the caller may see. With
    /// `previous`, the write happens only if the record is still exactly `previous` (a
    /// compare-and-swap on every member), else `nil` too.
    public func update(
        _ key: Record.Key, _ changes: Record.Changes, ifUnchanged previous: Record? = nil, alongside: WritePlan = WritePlan()
    ) async throws -> Record? {
        let input = try validated(changes, mode: .patch)
        let values = BindValues(key: key.sqlValue, input: input, caller: caller, previous: previous?.row.values ?? [])
        var plan = WritePlan()
        let statement = (previous == nil ? sql.patch : sql.guardedPatch).statement(values)
        let write = writer.add(statement, .updated, lock: sql.lockByID.statement(values), origin: origin, to: &plan)
        if !alongside.isEmpty {
            // `alongside` commits with the update or not at all: an update that matched nothing
            // (no such record, or `previous` no longer current) abandons the transaction.
            plan.derive { results in
                guard results.first(write.step).map({ !$0.rows.isEmpty }) ?? false else { throw StoreWriteMissed() }
                return []
            }
            plan.append(alongside)
        }
        do {
            return try await run(plan, write, input: input).map { try Record(row: $0) }
        } catch is StoreWriteMissed {
            return nil
        }
    }

    /// Deletes the live record with `key` (marks it deleted on a soft-delete table), with the
    /// write hooks; `false` when there is no such record the caller may see.
    public func delete(_ key: Record.Key, alongside: WritePlan = WritePlan()) async throws -> Bool {
        var plan = WritePlan()
        let write = writer.add(sql.delete.statement(BindValues(key: key.sqlValue, caller: caller)), .deleted, origin: origin, to: &plan)
        plan.append(alongside)
        return try await run(plan, write, input: ValidatedObject(values: [])) != nil
    }

    /// Thrown inside an update's transaction when it matched nothing, so its `alongside`
    /// statements roll back with it.
    private struct StoreWriteMissed: Error {}

    /// Runs the plan, mapping constraint failures; the row `write` returned, if any.
    private func run(_ plan: WritePlan, _ write: RecordWriter<Record>.PlannedWrite, input: ValidatedObject) async throws -> SQLRow? {
        do {
            return try await writer.run(plan, writes: [write], origin: origin).first(write.step)?.rows.first
        } catch let error as DatabaseError {
            throw try await writer.explain(error, input: input)
        }
    }

    /// The input validated by the table's field rules, as server code (read-only fields allowed).
    private func validated(_ input: some RecordInput, mode: InputValidator.Mode) throws -> ValidatedObject {
        try InputValidator.validate(body: .object(try input.members()), rules: Record.table.fields, mode: mode, allowsReadOnly: true)
    }
}
