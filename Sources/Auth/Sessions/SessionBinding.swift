import Foundation
import Runtime
import ValueFormats

/// The organization (and, inside it, the project) a session or API key is bound to.
///
/// A bound credential holds the scopes of the caller's *current* organization role, and dies
/// as soon as the membership ends or the project is archived; an unbound one holds the scopes
/// of the account's app-level role.
struct SessionBinding: Sendable, Hashable {
    /// The organization; `nil` for an unbound credential.
    let organizationID: UUID?
    /// The project inside `organizationID`.
    let projectID: UUID?

    /// No binding.
    static let none = SessionBinding(organizationID: nil, projectID: nil)

    /// `organizationID` as the lower-case text of claims and `Identity`.
    var organizationText: String? { organizationID.map(ValueFormats.lowercaseText) }
    /// `projectID` as lower-case text.
    var projectText: String? { projectID.map(ValueFormats.lowercaseText) }
}

extension SessionBinding {
    /// The select list of `Check`: the binding's membership role and project state, and the
    /// project the account (`u`) is an end user of.
    static let checkColumns = "m.role, p.id, p.archived_at, u.project_id"

    /// LEFT JOINs of the membership and project named by the `organization_id`, `project_id`
    /// and `user_id` columns of the row aliased `alias` (a session or an API key), so the
    /// credential's own primary-key read also says whether its binding still holds.
    static func joins(_ alias: String) -> String {
        "LEFT JOIN auth_memberships m ON m.organization_id = \(alias).organization_id AND m.user_id = \(alias).user_id "
            + "LEFT JOIN auth_projects p ON p.id = \(alias).project_id AND p.organization_id = \(alias).organization_id"
    }

    /// What the joins found.
    struct Check: Sendable {
        /// The member's current role; `nil` when the membership is gone (or there is no binding).
        let role: String?
        /// Whether the bound project exists in the organization.
        let projectFound: Bool
        /// Whether the bound project is archived.
        let projectArchived: Bool
        /// The project the account is an end user of; `nil` for an app-level account.
        let accountProject: UUID?

        /// Reads the `checkColumns`.
        init(_ reader: inout RowReader) throws {
            role = try reader.optionalString()
            projectFound = try reader.optionalUUID() != nil
            projectArchived = try reader.optionalTimestamp() != nil
            accountProject = try reader.optionalUUID()
        }

        /// Whether the account is a project's end user (its scopes are its app-level role's).
        var isEndUser: Bool { accountProject != nil }
    }

    /// Whether a credential with this binding is still good: unbound, or its user is still a
    /// member and its project (if any) exists and is not archived. An end user's credential
    /// must be bound to the user's own project, which must exist and not be archived (end users
    /// are no members: archiving the project ends their sessions).
    func holds(_ check: Check) -> Bool {
        if let accountProject = check.accountProject {
            return organizationID != nil && projectID == accountProject && check.projectFound && !check.projectArchived
        }
        guard organizationID != nil else { return true }
        guard check.role != nil else { return false }
        guard projectID != nil else { return true }
        return check.projectFound && !check.projectArchived
    }
}

extension SessionBinding {
    /// The binding of the caller's credential (none for an unbound one).
    init(identity: Identity) {
        self.init(
            organizationID: identity.organizationID.flatMap(ValueFormats.uuid),
            projectID: identity.projectID.flatMap(ValueFormats.uuid))
    }
}
