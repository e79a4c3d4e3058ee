/// Who may call an operation: anybody, any authenticated caller, or a caller holding a scope.
///
/// Written in schemas as `"public"`, `"authenticated"` or a scope such as `"tasks:write"`.
public enum AccessRequirementSchema: Sendable, Hashable, Codable {
    /// No credentials needed.
    case everyone
    /// Any valid credentials.
    case authenticated
    /// Credentials holding this scope (or `*`, or `<resource>:*`).
    case scope(String)
    /// Credentials holding every one of these scopes (an endpoint that reads several tables
    /// requires each table's read scope); written as an array.
    case allScopes([String])

    /// The scopes this requirement needs (none for `public` and `authenticated`).
    public var scopes: [String] {
        switch self {
        case .everyone, .authenticated: return []
        case .scope(let scope): return [scope]
        case .allScopes(let scopes): return scopes
        }
    }

    /// Parses the schema word.
    public init(text: String) {
        switch text {
        case "public": self = .everyone
        case "authenticated": self = .authenticated
        default: self = .scope(text)
        }
    }

    /// The schema word.
    public var text: String {
        switch self {
        case .everyone: return "public"
        case .authenticated: return "authenticated"
        case .scope(let scope): return scope
        case .allScopes(let scopes): return scopes.joined(separator: " and ")
        }
    }
}

/// What a tenant-scoped table's rows belong to (`"tenant"` of a table).
public enum TenantLevel: String, Codable, Sendable, CaseIterable, Hashable {
    /// Rows belong to an organization: column `organization_id`.
    case organization
    /// Rows belong to a project of an organization: columns `organization_id` and `project_id`.
    case project

    /// The generated tenant columns, outermost first.
    public var columns: [String] {
        switch self {
        case .organization: return ["organization_id"]
        case .project: return ["organization_id", "project_id"]
        }
    }
}

/// An "owner only" row rule (`"owner"` of a table): the server stores the caller's user id in
/// `field` on create, and reads and writes only see the caller's own rows unless the caller
/// holds `exceptScope`.
public struct OwnerRuleSchema: Codable, Sendable, Hashable {
    /// The generated column holding the owner's user id (not a declared field).
    public var field: String
    /// A scope that lifts the rule (moderators); `nil` when nobody is exempt.
    public var exceptScope: String?
    /// Creates a rule.
    public init(field: String, exceptScope: String? = nil) {
        self.field = field
        self.exceptScope = exceptScope
    }
}

/// The keys of a table's `permissions` object: the three groups and the single operations.
/// An operation key wins over its group.
public enum PermissionKey: String, Codable, Sendable, CaseIterable, Hashable {
    case read, write, delete, list, get, create, replace, update, restore

    /// The group an operation belongs to (a group is its own group).
    public var group: PermissionKey {
        switch self {
        case .read, .list, .get: return .read
        case .write, .create, .replace, .update, .restore: return .write
        case .delete: return .delete
        }
    }
}

extension TableSchema {
    /// The generated columns of the table's tenancy and owner rule, in column order.
    public var accessColumns: [String] {
        (tenant?.columns ?? []) + (owner.map { [$0.field] } ?? [])
    }

    /// What calling `operation` requires, when the app has an `auth` section: the operation's
    /// own `permissions` entry, else its group's, else `<table>:read|write|delete`.
    /// `operation` is `list`, `get`, `create`, `replace`, `update`, `delete` or `restore`.
    public func requirement(for operation: PermissionKey) -> AccessRequirementSchema {
        if let own = permissions[operation] { return own }
        let group = operation.group
        if let declared = permissions[group] { return declared }
        return .scope("\(name):\(group.rawValue)")
    }
}
