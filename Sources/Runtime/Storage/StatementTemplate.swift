/// A generated statement: its SQL per dialect and what each of its placeholders binds, in
/// placeholder order.
///
/// The generator decides both the SQL and the slots, so column order and bind order have one
/// source; the runtime only fills the slots with the values of one write (`BindValues`) and
/// never reads or edits the SQL text.
public struct StatementTemplate: Sendable {
    /// The SQL per dialect.
    public let sql: DialectSQL
    /// One slot per placeholder, in order (the same for both dialects).
    public let slots: [BindSlot]

    /// Creates a template.
    public init(sqlite: String, postgres: String, slots: [BindSlot]) {
        sql = DialectSQL(sqlite: sqlite, postgres: postgres)
        self.slots = slots
    }

    /// The template for one dialect, chosen once at start-up.
    public func resolved(for dialect: SQLDialect) -> ResolvedTemplate {
        ResolvedTemplate(sql: sql.text(for: dialect), slots: slots)
    }
}

/// A template's SQL in the dialect in use, with its slots.
public struct ResolvedTemplate: Sendable {
    /// The SQL text.
    public let sql: String
    /// One slot per placeholder, in order.
    public let slots: [BindSlot]

    /// The statement with `values` filling the slots.
    public func statement(_ values: BindValues) -> SQLStatement {
        SQLStatement(sql, values.resolve(slots))
    }

    /// Whether any placeholder takes `slot`.
    func binds(_ slot: BindSlot) -> Bool { slots.contains(slot) }
}

/// What one placeholder of a generated statement binds.
public enum BindSlot: Sendable, Hashable {
    /// The record's primary key (from the URL, or generated on insert).
    case key
    /// The value of declared field `n` (position in `TableDescriptor.fields`); NULL when absent.
    case value(Int)
    /// Whether declared field `n` was sent (the flag of a partial update).
    case isSet(Int)
    /// The time of the write (`created_at`, `updated_at`).
    case now
    /// The caller's organization (tenant column and condition).
    case organization
    /// The caller's project (tenant column and condition).
    case project
    /// The caller's user (owner column and condition).
    case owner
    /// Whether the caller holds the scope that lifts the owner rule.
    case ownerExempt
    /// Member `n` of the row read before the write (select-list order): the compare-and-swap
    /// guard of an `If-Match` write.
    case previous(Int)
}

/// The values of one write, from which a template's slots are filled.
public struct BindValues: Sendable {
    /// The primary key.
    public var key: SQLValue
    /// The validated fields, by position in `TableDescriptor.fields`.
    public var input: ValidatedObject?
    /// The time of the write.
    public var now: SQLValue
    /// The caller's tenant and owner values.
    var caller: RowCaller
    /// The row read before the write, for guards.
    public var previous: [SQLValue]

    /// Values for a write by `caller`.
    init(key: SQLValue = .null, input: ValidatedObject? = nil, caller: RowCaller, previous: [SQLValue] = []) {
        self.key = key
        self.input = input
        self.now = .timestamp(TimestampFormat.now())
        self.caller = caller
        self.previous = previous
    }

    /// The bind values of `slots`, in order.
    func resolve(_ slots: [BindSlot]) -> [SQLValue] {
        var binds: [SQLValue] = []
        binds.reserveCapacity(slots.count)
        for slot in slots {
            switch slot {
            case .key: binds.append(key)
            case .value(let index): binds.append(input?.values[index]?.sqlValue ?? .null)
            case .isSet(let index): binds.append(.bool(input?.values[index] != nil))
            case .now: binds.append(now)
            case .organization: binds.append(caller.organization)
            case .project: binds.append(caller.project)
            case .owner: binds.append(caller.owner)
            case .ownerExempt: binds.append(caller.ownerExempt)
            case .previous(let index): binds.append(index < previous.count ? previous[index] : .null)
            }
        }
        return binds
    }
}
