import Foundation
import Runtime
import ValueFormats

/// One row of `auth_platform_admins`: a platform operator, not an app user.
struct PlatformAdminRecord: Sendable {
    /// Select list matching `init(row:)`.
    static let columns = "id, email, name, password_hash, status, created_by, created_at, updated_at, deactivated_at"
    /// Status of an admin who may sign in.
    static let active = UserRecord.active
    /// Status of a deactivated admin.
    static let deactivated = "deactivated"

    var id: UUID
    var email: String
    var name: String
    var passwordHash: String
    var status: String
    var createdBy: UUID?
    var createdAt: Date
    var updatedAt: Date
    var deactivatedAt: Date?

    /// Reads a row selected with `columns`.
    init(row: SQLRow) throws {
        var reader = RowReader(row)
        id = try reader.uuid()
        email = try reader.string()
        name = try reader.string()
        passwordHash = try reader.string()
        status = try reader.string()
        createdBy = try reader.optionalUUID()
        createdAt = try reader.timestamp()
        updatedAt = try reader.timestamp()
        deactivatedAt = try reader.optionalTimestamp()
    }

    /// A new, active admin.
    init(id: UUID, email: String, name: String, passwordHash: String, createdBy: UUID?, now: Date) {
        self.id = id
        self.email = email
        self.name = name
        self.passwordHash = passwordHash
        self.status = Self.active
        self.createdBy = createdBy
        self.createdAt = now
        self.updatedAt = now
        self.deactivatedAt = nil
    }

    /// The id as tokens and the audit trail write it.
    var idText: String { ValueFormats.lowercaseText(of: id) }
}

/// The public view of a platform admin (never the password hash).
struct PlatformAdminResponse: JSONWritable {
    let admin: PlatformAdminRecord

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("id", admin.id)
        writer.member("email", admin.email)
        writer.member("name", admin.name)
        writer.member("status", admin.status)
        writer.member("created_by", admin.createdBy)
        writer.member("created_at", admin.createdAt)
        writer.member("updated_at", admin.updatedAt)
        writer.member("deactivated_at", admin.deactivatedAt)
        writer.endObject()
    }
}
