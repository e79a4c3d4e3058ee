import Foundation
import Runtime

/// The statements that read and write `auth_api_keys`.
struct APIKeyStore: Sendable {
    let sql: AuthSQL
    let database: any DatabaseClient

    /// What authentication needs about a presented key and its creator.
    struct Presented: Sendable {
        let id: UUID
        let secretDigest: String
        let environment: String
        let scopes: [String]
        let allowedCIDRs: [String]
        let expiresAt: Date?
        let revokedAt: Date?
        let lastUsedAt: Date?
        let userID: UUID
        let userRole: String
        let userStatus: String
        /// The organization / project the key is bound to.
        let binding: SessionBinding
        /// Whether the creator is still a member and the project live (see `SessionBinding`).
        let bindingCheck: SessionBinding.Check
        /// The service name of a service token; `nil` for a plain key.
        let service: String?
        /// The role of a service token.
        let role: String?
    }

    /// The key with `lookupID` joined with its creator: one primary-key-bounded read.
    func presented(lookupID: String) async throws -> Presented? {
        try Presented(rows: try await database.fetchByKey(presentedStatement(lookupID: lookupID)))
    }

    /// The statement of `presented(lookupID:)`, which the inline path runs with
    /// `DatabaseClient.fetchByKeyInline` (`AuthService.authenticateInline`).
    func presentedStatement(lookupID: String) -> SQLStatement {
        sql.statement(
            """
            SELECT k.id, k.secret_hash, k.environment, k.scopes, k.allowed_cidrs, k.expires_at, k.revoked_at, \
            k.last_used_at, u.id, u.role, u.status, k.organization_id, k.project_id, \(SessionBinding.checkColumns), \
            k.service, k.role FROM auth_api_keys k JOIN auth_users u ON u.id = k.user_id \(SessionBinding.joins("k")) \
            WHERE k.lookup_id = ?
            """, [.text(lookupID)])
    }

    /// Inserts a key.
    func insert(_ record: APIKeyRecord, issued: APIKeyFormat.Issued) -> SQLStatement {
        sql.statement(
            """
            INSERT INTO auth_api_keys (id, user_id, name, environment, lookup_id, secret_hash, prefix, last_four, \
            scopes, allowed_cidrs, expires_at, created_at, organization_id, project_id, purpose, service, role) \
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .uuid(record.id), .uuid(record.userID), .text(record.name), .text(record.environment),
                .text(issued.lookupID), .text(issued.secretDigest), .text(record.prefix), .text(record.lastFour),
                .text(APIKeyRecord.json(record.scopes)), .text(APIKeyRecord.json(record.allowedCIDRs)),
                record.expiresAt.map(SQLValue.timestamp) ?? .null, .timestamp(record.createdAt),
                record.binding.organizationID.map(SQLValue.uuid) ?? .null, record.binding.projectID.map(SQLValue.uuid) ?? .null,
                .text(record.purpose), record.service.map(SQLValue.text) ?? .null, record.role.map(SQLValue.text) ?? .null,
            ])
    }

    /// One page of the user's keys that are not revoked, newest first, and how many there are
    /// in all, read in one snapshot. With `binding`, only the keys an API key bound to it may
    /// see (`AuthRoutes.keyCaller(_:sees:)`): bound to the same organization, and to the same
    /// project when it names one.
    func page(userID: UUID, within binding: SessionBinding?, limit: Int, offset: Int) async throws -> (keys: [APIKeyRecord], total: Int) {
        var condition = "user_id = ? AND revoked_at IS NULL AND purpose = 'personal'"
        var binds: [SQLValue] = [.uuid(userID)]
        if let binding {
            if let organization = binding.organizationID {
                condition += " AND organization_id = ?"
                binds.append(.uuid(organization))
            } else {
                condition += " AND organization_id IS NULL"
            }
            if let project = binding.projectID {
                condition += " AND project_id = ?"
                binds.append(.uuid(project))
            }
        }
        let results = try await database.fetchSnapshot([
            sql.statement(
                "SELECT \(APIKeyRecord.columns) FROM auth_api_keys WHERE \(condition) ORDER BY created_at DESC, id LIMIT ? OFFSET ?",
                binds + [.integer(Int64(limit)), .integer(Int64(offset))]),
            sql.statement("SELECT COUNT(*) FROM auth_api_keys WHERE \(condition)", binds),
        ])
        var count = RowReader(results[1].first ?? SQLRow(values: [.integer(0)]))
        return (try results[0].map(APIKeyRecord.init(row:)), Int(try count.integer()))
    }

    /// One of the user's keys that is not revoked.
    func find(id: UUID, userID: UUID) async throws -> APIKeyRecord? {
        let rows = try await database.fetch(sql.statement(
            "SELECT \(APIKeyRecord.columns) FROM auth_api_keys WHERE id = ? AND user_id = ? AND revoked_at IS NULL AND purpose = 'personal'",
            [.uuid(id), .uuid(userID)]))
        return try rows.first.map(APIKeyRecord.init(row:))
    }

    /// When the key `id` stops working (its expiry, or the end of a rotation's grace); `nil`
    /// when it never does. Any purpose: it bounds the keys a key makes (`AuthRoutes.expiry`).
    func expiry(id: UUID) async throws -> Date? {
        let rows = try await database.fetch(sql.statement("SELECT expires_at FROM auth_api_keys WHERE id = ?", [.uuid(id)]))
        guard let row = rows.first else { return nil }
        var reader = RowReader(row)
        return try reader.optionalTimestamp()
    }

    /// The ranges the key `id` may be used from (empty: any), canonical. Any purpose: they bound
    /// the keys a key makes (`AuthRoutes.allowlist`).
    func allowedCIDRs(id: UUID) async throws -> [String] {
        let rows = try await database.fetch(sql.statement("SELECT allowed_cidrs FROM auth_api_keys WHERE id = ?", [.uuid(id)]))
        guard let row = rows.first else { return [] }
        var reader = RowReader(row)
        return try APIKeyRecord.strings(fromJSON: try reader.string())
    }

    /// Writes the changeable members of one of the user's live personal keys (name, scopes,
    /// allowlist, expiry); the secret, environment and binding never change.
    func update(_ record: APIKeyRecord, userID: UUID) -> SQLStatement {
        sql.statement(
            """
            UPDATE auth_api_keys SET name = ?, scopes = ?, allowed_cidrs = ?, expires_at = ? \
            WHERE id = ? AND user_id = ? AND revoked_at IS NULL AND purpose = 'personal'
            """,
            [
                .text(record.name), .text(APIKeyRecord.json(record.scopes)), .text(APIKeyRecord.json(record.allowedCIDRs)),
                record.expiresAt.map(SQLValue.timestamp) ?? .null, .uuid(record.id), .uuid(userID),
            ])
    }

    /// Revokes one of the user's keys at once.
    func revoke(id: UUID, userID: UUID, now: Date) -> SQLStatement {
        sql.statement(
            "UPDATE auth_api_keys SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL AND purpose = 'personal'",
            [.timestamp(now), .uuid(id), .uuid(userID)])
    }

    /// Ends a rotated key's life at `until` (keeping an earlier expiry) and links its successor.
    func retire(id: UUID, until: Date, successor: UUID) -> SQLStatement {
        sql.statement(
            """
            UPDATE auth_api_keys SET rotated_to = ?, \
            expires_at = CASE WHEN expires_at IS NOT NULL AND expires_at < ? THEN expires_at ELSE ? END \
            WHERE id = ? AND revoked_at IS NULL
            """,
            [.uuid(successor), .timestamp(until), .timestamp(until), .uuid(id)])
    }

    /// Records a use (callers write it at most once a minute per key).
    func touch(id: UUID, now: Date) -> SQLStatement {
        sql.statement("UPDATE auth_api_keys SET last_used_at = ? WHERE id = ?", [.timestamp(now), .uuid(id)])
    }
}

extension APIKeyStore.Presented {
    /// The key `presentedStatement` read, or `nil` when it found none.
    init?(rows: [SQLRow]) throws {
        guard let row = rows.first else { return nil }
        var reader = RowReader(row)
        self.init(
            id: try reader.uuid(), secretDigest: try reader.string(), environment: try reader.string(),
            scopes: try APIKeyRecord.strings(fromJSON: try reader.string()),
            allowedCIDRs: try APIKeyRecord.strings(fromJSON: try reader.string()),
            expiresAt: try reader.optionalTimestamp(), revokedAt: try reader.optionalTimestamp(),
            lastUsedAt: try reader.optionalTimestamp(), userID: try reader.uuid(), userRole: try reader.string(),
            userStatus: try reader.string(),
            binding: SessionBinding(organizationID: try reader.optionalUUID(), projectID: try reader.optionalUUID()),
            bindingCheck: try SessionBinding.Check(&reader), service: try reader.optionalString(), role: try reader.optionalString())
    }
}
