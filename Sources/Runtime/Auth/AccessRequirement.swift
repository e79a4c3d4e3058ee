/// What calling an operation requires, decided by the generator from the schema and resolved
/// once at start-up; checked before the body is read, so a refused caller gets 401/403, never 422.
public enum AccessRequirement: Sendable, Hashable {
    /// Anybody; presented credentials are not even looked at.
    case everyone
    /// Any valid credentials.
    case authenticated
    /// Credentials holding the scope (or `*`, or `<resource>:*`).
    case scope(String)
    /// Credentials holding every one of the scopes (a custom endpoint reading several tables).
    case allScopes([String])
}

extension LoomRequestContext {
    /// Throws 401 or 403 unless the caller meets `requirement`.
    public func authorize(_ requirement: AccessRequirement) throws(APIError) {
        guard requirement != .everyone else { return }
        try requireIdentity().require(requirement)
    }
}

extension Identity {
    /// Throws 403 naming the first scope of `requirement` this caller lacks. The one check both
    /// the routes (`LoomRequestContext.authorize`) and the inline key-read path
    /// (`RouteRegistry.addTable`) run.
    public func require(_ requirement: AccessRequirement) throws(APIError) {
        switch requirement {
        case .everyone, .authenticated: return
        case .scope(let scope): if !holds(scope) { throw APIError.forbidden(scope: scope) }
        case .allScopes(let scopes): for scope in scopes where !holds(scope) { throw APIError.forbidden(scope: scope) }
        }
    }

    /// Whether `identity` (`nil`: an anonymous caller) meets `requirement`.
    public static func meets(_ identity: Identity?, _ requirement: AccessRequirement) -> Bool {
        if requirement == .everyone { return true }
        guard let identity else { return false }
        do { try identity.require(requirement) } catch { return false }
        return true
    }
}

/// What each operation of a generated table requires (apps with an `auth` section).
public struct TableAccess: Sendable {
    /// `GET /<table>`.
    public let list: AccessRequirement
    /// `GET /<table>/{id}`.
    public let get: AccessRequirement
    /// `POST /<table>`.
    public let create: AccessRequirement
    /// `PUT /<table>/{id}`.
    public let replace: AccessRequirement
    /// `PATCH /<table>/{id}`.
    public let update: AccessRequirement
    /// `DELETE /<table>/{id}`.
    public let delete: AccessRequirement
    /// `POST /<table>/{id}/restore`.
    public let restore: AccessRequirement

    /// Creates the table's requirements.
    public init(
        list: AccessRequirement, get: AccessRequirement, create: AccessRequirement, replace: AccessRequirement,
        update: AccessRequirement, delete: AccessRequirement, restore: AccessRequirement
    ) {
        self.list = list
        self.get = get
        self.create = create
        self.replace = replace
        self.update = update
        self.delete = delete
        self.restore = restore
    }

    /// The requirement of one CRUD operation (a batch item, or the single-record route).
    public func requirement(_ operation: TableOperationKind) -> AccessRequirement {
        switch operation {
        case .list: return list
        case .get: return get
        case .create: return create
        case .replace: return replace
        case .update: return update
        case .delete: return delete
        }
    }
}
