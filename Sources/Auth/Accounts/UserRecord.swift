import Foundation
import Runtime
import ValueFormats

/// One row of `auth_users`.
struct UserRecord: Sendable {
    /// Select list matching `init(row:)`.
    static let columns = "id, email, name, password_hash, role, status, email_verified_at, created_at, updated_at, project_id"

    var id: UUID
    var email: String
    var name: String
    var passwordHash: String
    var role: String
    var status: String
    var emailVerifiedAt: Date?
    var createdAt: Date
    var updatedAt: Date
    /// The project whose end user this is (signed up with the project's key); `nil` for an
    /// app-level account. Fixed at creation.
    var projectID: UUID?

    /// Status of an account that may sign in.
    static let active = "active"

    /// Reads a row selected with `columns`.
    init(row: SQLRow) throws {
        var reader = RowReader(row)
        id = try reader.uuid()
        email = try reader.string()
        name = try reader.string()
        passwordHash = try reader.string()
        role = try reader.string()
        status = try reader.string()
        emailVerifiedAt = try reader.optionalTimestamp()
        createdAt = try reader.timestamp()
        updatedAt = try reader.timestamp()
        projectID = try reader.optionalUUID()
    }

    /// A new account.
    init(id: UUID, email: String, name: String, passwordHash: String, role: String, now: Date, projectID: UUID? = nil) {
        self.projectID = projectID
        self.id = id
        self.email = email
        self.name = name
        self.passwordHash = passwordHash
        self.role = role
        self.status = Self.active
        self.emailVerifiedAt = nil
        self.createdAt = now
        self.updatedAt = now
    }

    /// The id as it appears in tokens and identities.
    var idText: String { ValueFormats.lowercaseText(of: id) }

    /// Emails are compared case-insensitively: stored and looked up lower-cased.
    static func normalized(email: String) -> String {
        email.trimmingCharacters(in: .whitespaces).lowercased()
    }
}

/// The public view of an account (`/me`, sign-up).
struct UserResponse: JSONWritable {
    let user: UserRecord

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("id", id: user.id, .user)
        writer.member("email", user.email)
        writer.member("name", user.name)
        writer.member("role", role: user.role)
        if let project = user.projectID { writer.member("project_id", id: project, .project) }
        writer.member("email_verified", user.emailVerifiedAt != nil)
        writer.member("created_at", user.createdAt)
        writer.member("updated_at", user.updatedAt)
        writer.endObject()
    }
}
