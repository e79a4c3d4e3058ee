/// Plans and runs the writes of one table together with the server's write hooks: the one path
/// every write of a generated table takes, from the HTTP handlers (`TableHandlers`) and from
/// handwritten code (`TableStore`).
///
/// For each write it adds, in order: the "before" read when a hook needs it, the write
/// statement, and a derivation that describes the change from the row the statement returned
/// and asks every hook for its statements. All of it is one `WritePlan`, so it commits or rolls
/// back as one.
struct RecordWriter<Record: TableRecord>: Sendable {
    /// The app's database.
    let database: any DatabaseClient
    /// The server's write hooks.
    let hooks: WriteHooks
    /// The table's statements in the database's dialect.
    let sql: ResolvedStatements

    /// Who makes the changes.
    struct Origin: Sendable {
        /// The caller.
        let identity: Identity?
        /// The request, when there is one.
        let requestID: String?
        /// The client's IP address, when known.
        var clientAddress: String? = nil
        /// The request's idempotency claim, completed in every write's transaction.
        var idempotency: IdempotencyClaim? = nil
        /// The verified incoming webhook message the request handles: its id is recorded in
        /// the first committed write's transaction.
        var webhookReceipt: IncomingWebhookReceipt? = nil
    }

    /// One write added to a plan: where to find its row, and what change it made.
    struct PlannedWrite: Sendable {
        /// The step of the write statement (it returns the row).
        let step: WritePlan.Step
        /// The step that read the row before the write, when a hook needs it.
        let previous: WritePlan.Step?
        /// The kind of change, decided from the plan's results (an upsert's lookup tells).
        let operation: @Sendable (WriteResults) -> RecordChange.Operation
    }

    /// Adds `statement` (a write of one row returning it) and its hook statements to `plan`.
    /// `lock`, when given and a hook needs the previous record, reads the row first.
    @discardableResult
    func add(
        _ statement: SQLStatement, operation: @escaping @Sendable (WriteResults) -> RecordChange.Operation,
        lock: SQLStatement? = nil, origin: Origin, to plan: inout WritePlan
    ) -> PlannedWrite {
        let previous = hooks.needPreviousRecord ? lock.map { plan.add($0) } : nil
        let write = PlannedWrite(step: plan.add(statement), previous: previous, operation: operation)
        if !hooks.isEmpty {
            let hooks = self.hooks
            let dialect = sql.dialect
            plan.derive { results in
                guard let change = try change(write, in: results, origin: origin) else { return [] }
                return try hooks.statements(for: change, dialect: dialect)
            }
        }
        return write
    }

    /// `add` for a write whose kind of change is known up front.
    @discardableResult
    func add(
        _ statement: SQLStatement, _ operation: RecordChange.Operation, lock: SQLStatement? = nil, origin: Origin,
        to plan: inout WritePlan
    ) -> PlannedWrite {
        add(statement, operation: { _ in operation }, lock: lock, origin: origin, to: &plan)
    }

    /// Runs `plan` and, once it has committed, tells the hooks about the changes of `writes`.
    /// With an idempotency claim, the plan also stores `answer` (rendered from its results, the
    /// answer the handler then sends) or, without one, marks the claim applied when a row changed.
    func run(
        _ plan: WritePlan, writes: [PlannedWrite], origin: Origin,
        answer: (@Sendable (WriteResults) throws -> IdempotentAnswer?)? = nil
    ) async throws -> WriteResults {
        var plan = plan
        if let claim = origin.idempotency {
            claim.complete(&plan, wrote: { results in writes.contains { results.first($0.step).map { !$0.rows.isEmpty || $0.changes > 0 } ?? false } }, answer: answer)
        }
        origin.webhookReceipt?.record(
            in: &plan, dialect: sql.dialect,
            wrote: { results in writes.contains { results.first($0.step).map { !$0.rows.isEmpty || $0.changes > 0 } ?? false } })
        let results: WriteResults
        do {
            results = try await database.write(plan)
        } catch {
            origin.webhookReceipt?.abandoned()
            throw error
        }
        origin.idempotency?.committed()
        origin.webhookReceipt?.committed()
        if !hooks.isEmpty {
            await hooks.committed(writes.compactMap { try? change($0, in: results, origin: origin) })
        }
        return results
    }

    /// The change `write` made, read from the plan's results; `nil` when its statement matched
    /// no row (a missing record, a failed guard), which changed nothing.
    func change(_ write: PlannedWrite, in results: WriteResults, origin: Origin) throws -> RecordChange? {
        guard let row = results.first(write.step)?.rows.first else { return nil }
        let image = try RecordImage(row, as: Record.self)
        let operation = write.operation(results)
        // A hard delete returns the row as it was; a soft delete returns it stamped.
        let removed = operation == .deleted && !sql.softDelete
        var before = removed ? image : nil
        if let previous = write.previous, let row = results.first(previous)?.rows.first {
            before = try RecordImage(row, as: Record.self)
        }
        return RecordChange(
            table: Record.table, operation: operation, key: image.record.primaryKeyText, after: removed ? nil : image,
            before: before, identity: origin.identity, requestID: origin.requestID,
            clientAddress: origin.clientAddress)
    }

    /// A constraint failure as the client sees it: a unique conflict is 409 naming the fields
    /// (the tenant columns a tenant table's unique index leads with left out); a foreign key
    /// failure is 422 naming each relation field whose value references no record (one key
    /// read per relation, only after a failure); anything else is returned as it is.
    func explain(_ error: DatabaseError, input: ValidatedObject) async throws -> any Error {
        switch error.code {
        case .uniqueViolation(let reported):
            // A tenant table's unique index leads with the tenant columns; the client only sent the field.
            let columns = reported.filter { !(Record.table.access?.columns.contains($0) ?? false) }
            let fields = columns.isEmpty ? ["body"] : columns.map(Record.table.member(ofColumn:))
            return APIError.conflict(
                "Another record already has this value of \(fields.joined(separator: ", ")).",
                fieldErrors: fields.map { .init(field: $0, message: "is already taken by another record") })
        case .foreignKeyViolation:
            var fieldErrors: [APIError.FieldError] = []
            for check in Record.table.relations {
                guard let value = input.values[check.fieldIndex], value != .null else { continue }
                let rows = try await database.fetch(SQLStatement(check.exists.text(for: database.dialect), [value.sqlValue]))
                if rows.isEmpty {
                    fieldErrors.append(.init(field: Record.table.fields[check.fieldIndex].name, message: "references no record in \(check.table)"))
                }
            }
            if fieldErrors.isEmpty { return APIError.conflict("The write conflicts with related records.") }
            return APIError.validation(fieldErrors)
        default:
            return error
        }
    }
}
