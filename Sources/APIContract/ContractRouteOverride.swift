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
    /// The success answer clients expect instead of the operation's own; `nil`: the operation's own.
    public var success: ContractSuccessOverride?

    /// Creates an override.
    public init(paths: [String], members: [String: String] = [:], method: ContractMethod? = nil, success: ContractSuccessOverride? = nil) {
        self.paths = paths
        self.members = members
        self.method = method
        self.success = success
    }
}

/// A success answer an app gives an operation instead of Loom's (`status` or `answer` of a
/// `routes` entry), for clients of an existing API that check it: Better Auth's sign-up answers
/// 200 where Loom's answers 201, its sign-out `{"success": true}` where Loom's answers 204.
public enum ContractSuccessOverride: Sendable, Hashable {
    /// The operation's answer (with its body) under this status (200, 201 or 202).
    case status(Int)
    /// An operation that answers 204 answers 200 with this JSON object of constants instead.
    case constant([ContractConstant])
}

/// A member of a constant answer: a name and a boolean, integer or string.
public struct ContractConstant: Sendable, Hashable {
    /// A constant's value.
    public enum Value: Sendable, Hashable {
        case bool(Bool)
        case integer(Int)
        case string(String)
    }

    /// The member's name, as written.
    public let name: String
    /// Its value.
    public let value: Value

    /// Creates a member.
    public init(_ name: String, _ value: Value) {
        self.name = name
        self.value = value
    }
}
