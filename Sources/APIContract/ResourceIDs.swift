import ValueFormats

/// The auth resources whose ids an app may write with a prefix (`auth.ids` in `app.json`).
public enum ResourceKind: String, Sendable, Hashable, CaseIterable {
    /// Accounts (also end users of a project).
    case user
    /// Organizations.
    case organization
    /// Projects of an organization.
    case project
    /// API keys.
    case apiKey
    /// Sessions.
    case session
    /// Invitations to an organization.
    case invitation
}

extension ResourceKind {
    /// The kind whose collection a path segment names (`organizations`, `members`, `end-users`),
    /// or `nil` (`admin`: platform admins keep UUIDs).
    public init?(collection segment: String) {
        switch segment {
        case "users", "members", "end-users", "accounts": self = .user
        case "organizations", "orgs": self = .organization
        case "projects": self = .project
        case "api-keys", "keys": self = .apiKey
        case "sessions": self = .session
        case "invitations": self = .invitation
        default: return nil
        }
    }

    /// The resource in prose, for descriptions.
    public var noun: String {
        switch self {
        case .apiKey: return "API key"
        default: return rawValue
        }
    }
}

extension ContractParameter {
    /// The path parameters of `path`, in order: each the id of the resource its preceding
    /// segment names (`/organizations/{id}/members/{user_id}`: an organization, then a user),
    /// or `other(name)` where that segment names no auth resource.
    public static func resourceIDs(in path: String, other: (String) -> ContractParameter) -> [ContractParameter] {
        var previous = ""
        var parameters: [ContractParameter] = []
        for segment in path.split(separator: "/") {
            if segment.hasPrefix("{"), segment.hasSuffix("}") {
                let name = String(segment.dropFirst().dropLast())
                parameters.append(
                    ResourceKind(collection: previous).map { ContractParameter(name, in: .path, .id($0, prefix: nil), "Id of the \($0.noun).") }
                        ?? other(name))
            }
            previous = String(segment)
        }
        return parameters
    }
}

/// How an app writes the ids of its auth resources: as UUIDs (the default), or, for each kind
/// given a prefix, as the prefix and the UUID's 128 bits in 22 base-62 digits (`usr_4Hc...`),
/// like Stripe's ids.
///
/// The database keeps UUIDs either way; ids are converted where they cross the API (answers,
/// paths, bodies, queries), so a prefixed id always names the same row as its UUID.
public struct ResourceIDs: Sendable, Hashable {
    /// The prefix of each kind written with one; kinds not named are UUIDs.
    public var prefixes: [ResourceKind: String]

    /// Creates the id formats of an app; no prefixes means UUIDs everywhere.
    public init(prefixes: [ResourceKind: String] = [:]) {
        self.prefixes = prefixes
    }

    /// The prefix of `kind`, or `nil` when its ids are UUIDs.
    public func prefix(_ kind: ResourceKind) -> String? { prefixes[kind] }

    /// The regular expression a prefixed id of `prefix` matches (`^usr_[0-9A-Za-z]{22}$`).
    public static func pattern(prefix: String) -> String { Base62ID.pattern(prefix: prefix) }
}
