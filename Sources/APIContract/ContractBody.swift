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
}
