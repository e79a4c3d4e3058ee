import Runtime

/// The app's organization roles (`auth.organizationRoles`, or owner/admin/member by default),
/// built once at start-up, and what each may do inside an organization.
///
/// A role's scopes are what an organization-bound token or key holds on the app's data. The
/// organization's own management is a set of built-in abilities, named as scopes so an app
/// grants them like any other (`organization:*`, or `*`). `owner` holds every ability whatever
/// it declares; changing roles and inviting or removing owners is for owners only; the last
/// owner can be neither demoted nor removed.
struct OrganizationRoles: Sendable {
    /// The role an organization's creator gets.
    static let owner = "owner"

    /// Role names in declaration order.
    let names: [String]
    private let scopesByRole: [String: Set<String>]

    /// The table of `settings.organizationRoles`.
    init(settings: AuthSettings) {
        names = settings.organizationRoles.map(\.name)
        var scopes: [String: Set<String>] = [:]
        for role in settings.organizationRoles { scopes[role.name] = role.scopes }
        scopesByRole = scopes
    }

    /// The scopes `role` grants now (none for a role the app no longer declares).
    func scopes(of role: String) -> Set<String> {
        scopesByRole[role] ?? []
    }

    /// Whether a member with `role` may use `ability`.
    func role(_ role: String, may ability: OrganizationAbility) -> Bool {
        role == Self.owner || Identity.scopes(scopes(of: role), grant: ability.rawValue)
    }
}

/// What a member may do to the organization itself, granted as scopes by organization roles.
enum OrganizationAbility: String, Sendable {
    /// Rename the organization.
    case update = "organization:update"
    /// Invite, list and revoke invitations (of non-owner roles).
    case invite = "organization:invite"
    /// Remove other (non-owner) members.
    case members = "organization:members"
    /// Create and archive projects and rotate their keys.
    case projects = "organization:projects"

    /// The sentence of the 403 for a member without it.
    var refusal: String {
        "Your organization role does not grant \(rawValue), which this needs."
    }
}
