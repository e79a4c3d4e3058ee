import Foundation
import Runtime

/// An organization as a member sees it, with the member's role.
struct OrganizationResponse: JSONWritable {
    let id: UUID
    let name: String
    let slug: String
    let role: String
    let createdAt: Date
    let updatedAt: Date

    /// Select list (organization joined with the caller's membership) matching `init(row:)`.
    static let columns = "o.id, o.name, o.slug, m.role, o.created_at, o.updated_at"

    init(id: UUID, name: String, slug: String, role: String, createdAt: Date, updatedAt: Date) {
        self.id = id
        self.name = name
        self.slug = slug
        self.role = role
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Reads a row selected with `columns`.
    init(row: SQLRow) throws {
        var reader = RowReader(row)
        id = try reader.uuid()
        name = try reader.string()
        slug = try reader.string()
        role = try reader.string()
        createdAt = try reader.timestamp()
        updatedAt = try reader.timestamp()
    }

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("id", id: id, .organization)
        writer.member("name", name)
        writer.member("slug", slug)
        writer.member("role", role: role)
        writer.member("created_at", createdAt)
        writer.member("updated_at", updatedAt)
        writer.endObject()
    }
}

/// One member of an organization.
struct MemberResponse: JSONWritable {
    /// Select list (membership joined with the user) matching `init(row:)`.
    static let columns = "u.id, u.email, u.name, m.role, m.created_at"

    let userID: UUID
    let email: String
    let name: String
    let role: String
    let joinedAt: Date

    /// Reads a row selected with `columns`.
    init(row: SQLRow) throws {
        var reader = RowReader(row)
        userID = try reader.uuid()
        email = try reader.string()
        name = try reader.string()
        role = try reader.string()
        joinedAt = try reader.timestamp()
    }

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("user_id", id: userID, .user)
        writer.member("email", email)
        writer.member("name", name)
        writer.member("role", role: role)
        writer.member("joined_at", joinedAt)
        writer.endObject()
    }
}

/// A pending invitation (never its token, which only the invitee's mail holds).
struct InvitationResponse: JSONWritable {
    /// Select list matching `init(row:)`.
    static let columns = "id, email, role, created_at, expires_at"

    let id: UUID
    let email: String
    let role: String
    let createdAt: Date
    let expiresAt: Date

    init(id: UUID, email: String, role: String, createdAt: Date, expiresAt: Date) {
        self.id = id
        self.email = email
        self.role = role
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }

    /// Reads a row selected with `columns`.
    init(row: SQLRow) throws {
        var reader = RowReader(row)
        id = try reader.uuid()
        email = try reader.string()
        role = try reader.string()
        createdAt = try reader.timestamp()
        expiresAt = try reader.timestamp()
    }

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("id", id: id, .invitation)
        writer.member("email", email)
        writer.member("role", role: role)
        writer.member("created_at", createdAt)
        writer.member("expires_at", expiresAt)
        writer.endObject()
    }
}
