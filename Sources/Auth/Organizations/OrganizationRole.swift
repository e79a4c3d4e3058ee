/// A member's role in an organization. `owner` may do everything, including changing roles;
/// `admin` manages the organization, its invitations and non-owner members; `member` reads.
/// An organization always keeps at least one owner.
enum OrganizationRole: String, Sendable, CaseIterable {
    case owner, admin, member

    /// Whether the role may rename the organization, invite, and remove non-owner members.
    var manages: Bool { self != .member }
}
