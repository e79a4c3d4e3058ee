/// Records something about every record change in the transaction that makes it: a webhook
/// outbox row, an audit row, a search document. The seam of DESIGN.md's "write hooks".
///
/// For each change the runtime asks every hook for statements and runs them right after the
/// write statement, in the same transaction (inside the write's group-commit savepoint on
/// SQLite, inside the transaction on PostgreSQL). A committed change therefore always has its
/// hook rows, and a rolled-back one never has. Every write path goes through hooks: create,
/// replace, update, delete, upsert, restore, each item of a batch, and the typed stores custom
/// handlers write through (`TableStore`).
///
/// `statements(for:dialect:)` runs inside the transaction (on SQLite on the writer's thread):
/// it must be quick, pure computation with no I/O and no waiting. Throwing fails the write:
/// nothing of it is committed and the client gets the error (an `APIError` as it is, anything
/// else as a 500).
public protocol WriteHook: Sendable {
    /// Whether the hook reads `RecordChange.before` of replaces and updates. When any hook
    /// does, each such write first reads the row inside its transaction (`SELECT ... FOR UPDATE`
    /// on PostgreSQL); otherwise that read is skipped.
    var needsPreviousRecord: Bool { get }

    /// The statements recording `change`, written in `dialect`; empty when the change does not
    /// concern the hook.
    func statements(for change: RecordChange, dialect: SQLDialect) throws -> [SQLStatement]

    /// Called after the transaction holding `changes` committed, for work whose loss is
    /// harmless (waking a delivery worker that also polls). Never called for a rolled-back
    /// write. The default does nothing.
    func committed(_ changes: [RecordChange]) async
}

extension WriteHook {
    /// Hooks read only the record after the change unless they say otherwise.
    public var needsPreviousRecord: Bool { false }

    /// Nothing to do after commit unless the hook says otherwise.
    public func committed(_ changes: [RecordChange]) async {}
}

/// The hooks of a server, decided at start-up.
public struct WriteHooks: Sendable {
    /// The hooks in the order their statements run.
    public let hooks: [any WriteHook]
    /// Whether any hook reads the record before an update.
    public let needPreviousRecord: Bool

    /// No hooks: writes run their own statements only.
    public static let none = WriteHooks([])

    /// Collects `hooks`.
    public init(_ hooks: [any WriteHook]) {
        self.hooks = hooks
        needPreviousRecord = hooks.contains { $0.needsPreviousRecord }
    }

    /// Whether there is no hook (writes then build no `RecordChange` at all).
    public var isEmpty: Bool { hooks.isEmpty }

    /// Every hook's statements for `change`, in hook order.
    func statements(for change: RecordChange, dialect: SQLDialect) throws -> [SQLStatement] {
        var statements: [SQLStatement] = []
        for hook in hooks { statements += try hook.statements(for: change, dialect: dialect) }
        return statements
    }

    /// Tells every hook about committed changes; does nothing without hooks or changes.
    func committed(_ changes: [RecordChange]) async {
        guard !changes.isEmpty else { return }
        for hook in hooks { await hook.committed(changes) }
    }
}
