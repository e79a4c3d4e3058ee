/// What one placeholder of a generated statement binds: the generator's side of `Runtime`'s
/// `BindSlot`, rendered as a Swift expression of that enum (the generated code does not compile
/// if the two disagree).
enum StatementSlot: Hashable {
    /// The record's primary key.
    case key
    /// The value of declared field `n`.
    case value(Int)
    /// Whether declared field `n` was sent.
    case isSet(Int)
    /// The time of the write.
    case now
    /// The caller's organization.
    case organization
    /// The caller's project.
    case project
    /// The caller's user.
    case owner
    /// Whether the caller holds the owner rule's exception scope.
    case ownerExempt
    /// Member `n` of the row read before the write.
    case previous(Int)

    /// The `BindSlot` expression.
    var swift: String {
        switch self {
        case .key: return ".key"
        case .value(let index): return ".value(\(index))"
        case .isSet(let index): return ".isSet(\(index))"
        case .now: return ".now"
        case .organization: return ".organization"
        case .project: return ".project"
        case .owner: return ".owner"
        case .ownerExempt: return ".ownerExempt"
        case .previous(let index): return ".previous(\(index))"
        }
    }
}

/// Writes one statement's text in one dialect together with its slots, so the placeholders and
/// what they bind cannot disagree.
struct SlottedSQL {
    /// The dialect of the placeholders.
    let dialect: Dialect
    /// The slots, in placeholder order.
    private(set) var slots: [StatementSlot] = []

    /// Creates an empty statement.
    init(dialect: Dialect) { self.dialect = dialect }

    /// The next placeholder, binding `slot`.
    mutating func bind(_ slot: StatementSlot) -> String {
        slots.append(slot)
        return SQLTypes.placeholder(slots.count, dialect)
    }
}
