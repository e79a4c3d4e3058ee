import Foundation
import Runtime

/// An organization as platform admins see it: every field and its member count.
struct PlatformOrganization: JSONWritable {
    /// Select list (`o` is `auth_organizations`) matching `init(row:)`.
    static let columns =
        "o.id, o.name, o.slug, o.created_by, o.created_at, o.updated_at, "
        + "(SELECT COUNT(*) FROM auth_memberships c WHERE c.organization_id = o.id)"

    let id: UUID
    let name: String
    let slug: String
    let createdBy: UUID
    let createdAt: Date
    let updatedAt: Date
    let memberCount: Int64

    /// Reads a row selected with `columns`.
    init(row: SQLRow) throws {
        var reader = RowReader(row)
        id = try reader.uuid()
        name = try reader.string()
        slug = try reader.string()
        createdBy = try reader.uuid()
        createdAt = try reader.timestamp()
        updatedAt = try reader.timestamp()
        memberCount = try reader.integer()
    }

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writeMembers(to: &writer)
        writer.endObject()
    }

    /// The members of the object, for responses that add their own.
    func writeMembers(to writer: inout JSONWriter) {
        writer.member("id", id: id, .organization)
        writer.member("name", name)
        writer.member("slug", slug)
        writer.member("created_by", id: createdBy, .user)
        writer.member("created_at", createdAt)
        writer.member("updated_at", updatedAt)
        writer.member("member_count", memberCount)
    }
}

/// `GET /admin/organizations/{id}`: the organization and its members.
struct PlatformOrganizationDetail: JSONWritable {
    let organization: PlatformOrganization
    let members: [MemberResponse]

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        organization.writeMembers(to: &writer)
        writer.member("members", members)
        writer.endObject()
    }
}

/// An end user (an app account) as platform admins see it, with its status.
struct EndUserResponse: JSONWritable {
    /// Select list (`u` is `auth_users`) matching `init(row:)`.
    static let columns = "u.id, u.email, u.name, u.role, u.status, u.email_verified_at, u.created_at, u.updated_at, u.project_id"

    let id: UUID
    let email: String
    let name: String
    let role: String
    let status: String
    let emailVerifiedAt: Date?
    let createdAt: Date
    let updatedAt: Date
    /// The project whose end user this is; `nil` (JSON `null`) for an app-level account.
    let projectID: UUID?

    /// Reads a row selected with `columns`.
    init(row: SQLRow) throws {
        var reader = RowReader(row)
        id = try reader.uuid()
        email = try reader.string()
        name = try reader.string()
        role = try reader.string()
        status = try reader.string()
        emailVerifiedAt = try reader.optionalTimestamp()
        createdAt = try reader.timestamp()
        updatedAt = try reader.timestamp()
        projectID = try reader.optionalUUID()
    }

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("id", id: id, .user)
        writer.member("project_id", id: projectID, .project)
        writer.member("email", email)
        writer.member("name", name)
        writer.member("role", role: role)
        writer.member("status", status)
        writer.member("email_verified", emailVerifiedAt != nil)
        writer.member("created_at", createdAt)
        writer.member("updated_at", updatedAt)
        writer.endObject()
    }
}
