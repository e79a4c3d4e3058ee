import Foundation
import Runtime
import ValueFormats

/// The statements that read and write `auth_platform_admins`.
struct PlatformAdminStore: Sendable {
    let sql: AuthSQL
    let database: any DatabaseClient

    /// Serializes deactivations (see `deactivate`); per schema, like the migration lock.
    static let deactivationLock = DialectSQL(
        sqlite: "SELECT 1",
        postgres: "SELECT pg_advisory_xact_lock(hashtext('auth_platform_admins:' || current_schema()))")

    /// The admin with `email` (normalized), if any.
    func find(email: String) async throws -> PlatformAdminRecord? {
        let rows = try await database.fetch(sql.statement(
            "SELECT \(PlatformAdminRecord.columns) FROM auth_platform_admins WHERE email = ?", [.text(email)]))
        return try rows.first.map(PlatformAdminRecord.init(row:))
    }

    /// The admin with `id`, if any.
    func find(id: UUID) async throws -> PlatformAdminRecord? {
        let rows = try await database.fetchByKey(sql.statement(
            "SELECT \(PlatformAdminRecord.columns) FROM auth_platform_admins WHERE id = ?", [.uuid(id)]))
        return try rows.first.map(PlatformAdminRecord.init(row:))
    }

    /// Inserts a new admin (a duplicate email violates the unique index).
    func insert(_ admin: PlatformAdminRecord) -> SQLStatement {
        sql.statement(
            """
            INSERT INTO auth_platform_admins (id, email, name, password_hash, status, created_by, created_at, updated_at) \
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .uuid(admin.id), .text(admin.email), .text(admin.name), .text(admin.passwordHash), .text(admin.status),
                admin.createdBy.map(SQLValue.uuid) ?? .null, .timestamp(admin.createdAt), .timestamp(admin.updatedAt),
            ])
    }

    /// Changes name, email and (when given) the password hash.
    func updateProfile(id: UUID, name: String, email: String, passwordHash: String, now: Date) -> SQLStatement {
        sql.statement(
            "UPDATE auth_platform_admins SET name = ?, email = ?, password_hash = ?, updated_at = ? WHERE id = ?",
            [.text(name), .text(email), .text(passwordHash), .timestamp(now), .uuid(id)])
    }

    /// Deactivates `id` unless it is the last active admin, then ends its sessions. On
    /// PostgreSQL the first statement takes a transaction advisory lock, so two admins
    /// deactivating each other at once take turns and the second statement of the later one
    /// (a new snapshot under READ COMMITTED) sees the first's change: one admin always stays.
    /// SQLite serializes write transactions anyway, so there the first statement only reads.
    /// The second statement's change count says whether the admin was deactivated.
    func deactivate(id: UUID, now: Date) -> [SQLStatement] {
        [
            sql.statement(Self.deactivationLock.text(for: sql.dialect)),
            sql.statement(
                """
                UPDATE auth_platform_admins SET status = ?, deactivated_at = ?, updated_at = ? \
                WHERE id = ? AND status = ? AND (SELECT COUNT(*) FROM auth_platform_admins WHERE status = ?) > 1
                """,
                [
                    .text(PlatformAdminRecord.deactivated), .timestamp(now), .timestamp(now), .uuid(id),
                    .text(PlatformAdminRecord.active), .text(PlatformAdminRecord.active),
                ]),
            sql.statement(
                "UPDATE auth_platform_sessions SET revoked_at = ?, revoked_reason = ? WHERE user_id = ? AND revoked_at IS NULL",
                [.timestamp(now), .text("admin_deactivated"), .uuid(id)]),
        ]
    }

    /// Whether the platform session `sessionID` of `adminID` is live and the admin active:
    /// read on every platform request, so deactivation and session revocation act at once.
    func isLive(sessionID: UUID, adminID: UUID, now: Date) async throws -> Bool {
        let rows = try await database.fetchByKey(sql.statement(
            """
            SELECT s.user_id, s.expires_at, s.revoked_at, a.status \
            FROM auth_platform_sessions s JOIN auth_platform_admins a ON a.id = s.user_id WHERE s.id = ?
            """, [.uuid(sessionID)]))
        guard let row = rows.first else { return false }
        var reader = RowReader(row)
        let owner = try reader.uuid()
        let expiresAt = try reader.timestamp()
        let revokedAt = try reader.optionalTimestamp()
        let status = try reader.string()
        return owner == adminID && expiresAt.isLater(than: now) && revokedAt == nil && status == PlatformAdminRecord.active
    }
}

extension PlatformAdminStore {
    /// The audit event of a deactivation, written only when `deactivate` did deactivate `id` at
    /// `now` (in the same transaction), so the trail never records a refused deactivation.
    func deactivationEvent(id: UUID, actor: String, detail: [String: String], ipAddress: String?, now: Date) -> SQLStatement {
        sql.statement(
            """
            INSERT INTO auth_audit_events (id, occurred_at, actor_id, action, target_id, detail, ip_address) \
            SELECT ?, ?, ?, ?, ?, ?, ? WHERE EXISTS (SELECT 1 FROM auth_platform_admins WHERE id = ? AND deactivated_at = ?)
            """,
            [
                .uuid(UUID()), .timestamp(now), .text(actor), .text("platform_admin_deactivated"), .text(ValueFormats.lowercaseText(of: id)),
                .text(AuditLog.detailJSON(detail)), ipAddress.map(SQLValue.text) ?? .null, .uuid(id), .timestamp(now),
            ])
    }
}
