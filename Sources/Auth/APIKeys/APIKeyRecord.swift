import Foundation
import Runtime

/// One row of `auth_api_keys` (never the secret: only its digest is stored, and not selected here).
struct APIKeyRecord: Sendable {
    /// Select list matching `init(row:)`.
    static let columns =
        "id, user_id, name, environment, prefix, last_four, scopes, allowed_cidrs, expires_at, revoked_at, last_used_at, created_at, "
        + "organization_id, project_id, purpose, service, role"

    /// `purpose` of a key a user made for themselves (`POST /api-keys`), or a service token.
    static let personal = "personal"
    /// `purpose` of a project's key (`POST /organizations/{id}/projects/{project_id}/keys`).
    static let project = "project"

    var id: UUID
    var userID: UUID
    var name: String
    var environment: String
    var prefix: String
    var lastFour: String
    var scopes: [String]
    var allowedCIDRs: [String]
    var expiresAt: Date?
    var revokedAt: Date?
    var lastUsedAt: Date?
    var createdAt: Date
    /// Organization / project binding.
    var binding = SessionBinding.none
    /// `personal` or `project`.
    var purpose = APIKeyRecord.personal
    /// Service name of a service token.
    var service: String?
    /// Role of a service token.
    var role: String?

    /// Reads a row selected with `columns`.
    init(row: SQLRow) throws {
        var reader = RowReader(row)
        id = try reader.uuid()
        userID = try reader.uuid()
        name = try reader.string()
        environment = try reader.string()
        prefix = try reader.string()
        lastFour = try reader.string()
        scopes = try Self.strings(fromJSON: try reader.string())
        allowedCIDRs = try Self.strings(fromJSON: try reader.string())
        expiresAt = try reader.optionalTimestamp()
        revokedAt = try reader.optionalTimestamp()
        lastUsedAt = try reader.optionalTimestamp()
        createdAt = try reader.timestamp()
        binding = SessionBinding(organizationID: try reader.optionalUUID(), projectID: try reader.optionalUUID())
        purpose = try reader.string()
        service = try reader.optionalString()
        role = try reader.optionalString()
    }

    /// A new key's row.
    init(
        id: UUID, userID: UUID, name: String, issued: APIKeyFormat.Issued, scopes: [String], allowedCIDRs: [String],
        expiresAt: Date?, now: Date
    ) {
        self.id = id
        self.userID = userID
        self.name = name
        self.environment = issued.environment
        self.prefix = issued.prefix
        self.lastFour = issued.lastFour
        self.scopes = scopes
        self.allowedCIDRs = allowedCIDRs
        self.expiresAt = expiresAt
        self.revokedAt = nil
        self.lastUsedAt = nil
        self.createdAt = now
    }

    /// `["a","b"]` as stored in the `scopes` and `allowed_cidrs` text columns.
    static func json(_ strings: [String]) -> String {
        var writer = JSONWriter(capacity: 64)
        strings.writeJSON(to: &writer)
        return writer.string
    }

    /// The strings of a stored JSON array.
    static func strings(fromJSON text: String) throws -> [String] {
        guard case .array(let elements) = try JSONInputParser.parse(Array(text.utf8)) else {
            throw AuthStorageError(message: "a stored list is not a JSON array: \(text)")
        }
        return elements.compactMap { element in
            if case .string(let string) = element { return string }
            return nil
        }
    }
}

/// A key in lists and in creation answers (with `key` only when just created).
struct APIKeyResponse: JSONWritable {
    let record: APIKeyRecord
    /// The whole key, present once: in the answer that created it.
    let key: String?

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("id", id: record.id, .apiKey)
        writer.member("name", record.name)
        if let key { writer.member("key", key) }
        writer.member("environment", record.environment)
        writer.member("prefix", record.prefix)
        writer.member("last_four", record.lastFour)
        writer.member("scopes", record.scopes)
        writer.member("allowed_cidrs", record.allowedCIDRs)
        writer.member("expires_at", record.expiresAt)
        writer.member("last_used_at", record.lastUsedAt)
        writer.member("created_at", record.createdAt)
        writer.member("organization_id", idText: record.binding.organizationText, .organization)
        writer.member("project_id", idText: record.binding.projectText, .project)
        writer.member("service", record.service)
        writer.member("role", role: record.role)
        writer.endObject()
    }
}
