/// A JSON request body: its schema component name and members, in the order handlers read them.
public struct ContractBody: Sendable, Hashable {
    /// Name of the schema component that documents it (`AuthSignupRequest`).
    public let name: String
    /// The members; the body is closed (unknown members are refused).
    public let fields: [ContractField]

    /// Creates a body.
    public init(_ name: String, _ fields: [ContractField]) {
        self.name = name
        self.fields = fields
    }

    /// Whether the body has the member Loom calls `key`, whatever the app spells it: a handler
    /// serving several bodies reads only what its body declares.
    public func declares(_ key: String) -> Bool { fields.contains { $0.key == key } }
}
