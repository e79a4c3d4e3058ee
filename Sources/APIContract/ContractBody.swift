/// A JSON request body: its schema component name and members, in the order handlers read them.
public struct ContractBody: Sendable, Hashable {
    /// Name of the schema component that documents it (`AuthSignupRequest`).
    public let name: String
    /// The members; the body is closed (unknown members are refused).
    public let fields: [ContractField]
    /// Whether it is a partial update (`PATCH`): no member is required, a member left out keeps
    /// its value, `null` clears a nullable one, and so does naming it in `clear` (`ClearList`),
    /// for typed clients that cannot send an explicit `null`. The validator and the document
    /// both read this one flag.
    public let partial: Bool

    /// Creates a body; `partial` for a partial update.
    public init(_ name: String, _ fields: [ContractField], partial: Bool = false) {
        self.name = name
        self.fields = fields
        self.partial = partial
    }

    /// Whether the body has the member Loom calls `key`, whatever the app spells it: a handler
    /// serving several bodies reads only what its body declares.
    public func declares(_ key: String) -> Bool { fields.contains { $0.key == key } }

    /// The members (as spelled) a partial update's `clear` may name, in order: its nullable
    /// members; empty for other bodies and for one with a member spelled `clear`.
    public var clearable: [String] {
        guard partial else { return [] }
        return ClearList.names(of: fields.map { ($0.name, $0.nullable, false) })
    }

    /// The same body with other members (spelled or laid out for an app).
    public func with(fields: [ContractField]) -> ContractBody { ContractBody(name, fields, partial: partial) }
}
