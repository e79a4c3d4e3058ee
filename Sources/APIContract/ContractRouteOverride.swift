/// Where an app serves one operation of a route family, declared in its schema (`routes`):
/// complete paths (the first the operation's own, the others aliases answering the same) and
/// renamed request body members. No paths: the operation is switched off.
public struct ContractRouteOverride: Sendable, Hashable {
    /// The paths, complete (they do not get the family's prefix); empty: switched off.
    public var paths: [String]
    /// Loom's member name (`email`) → the name clients send (`ownerEmail`).
    public var members: [String: String]
    /// The method clients use instead of the operation's own; `nil`: the operation's own.
    public var method: ContractMethod?

    /// Creates an override.
    public init(paths: [String], members: [String: String] = [:], method: ContractMethod? = nil) {
        self.paths = paths
        self.members = members
        self.method = method
    }
}
