import Foundation
import Runtime

/// The statements that read and write `auth_organizations`, `auth_memberships` and `auth_invitations`.
struct OrganizationStore: Sendable {
    let sql: AuthSQL
    let database: any DatabaseClient

    /// Only counts owners other than the member being changed, so the last owner stays.
    private static let keepsAnOwner =
        "(role <> 'owner' OR (SELECT COUNT(*) FROM auth_memberships o WHERE o.organization_id = auth_memberships.organization_id AND o.role = 'owner') > 1)"

    func insert(id: UUID, name: String, slug: String, creator: UUID, now: Date) -> [SQLStatement] {
        [
            sql.statement(
                "INSERT INTO auth_organizations (id, name, slug, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                [.uuid(id), .text(name), .text(slug), .uuid(creator), .timestamp(now), .timestamp(now)]),
            addMember(organization: id, user: creator, role: OrganizationRoles.owner, now: now),
        ]
    }

    func addMember(organization: UUID, user: UUID, role: String, now: Date) -> SQLStatement {
        sql.statement(
            "INSERT INTO auth_memberships (organization_id, user_id, role, created_at) VALUES (?, ?, ?, ?)",
            [.uuid(organization), .uuid(user), .text(role), .timestamp(now)])
    }

    /// The organization as `user` sees it, or `nil` when the user is not a member.
    func find(_ organization: UUID, for user: UUID) async throws -> OrganizationResponse? {
        let rows = try await database.fetch(sql.statement(
            """
            SELECT \(OrganizationResponse.columns) FROM auth_organizations o \
            JOIN auth_memberships m ON m.organization_id = o.id WHERE o.id = ? AND m.user_id = ?
            """, [.uuid(organization), .uuid(user)]))
        return try rows.first.map(OrganizationResponse.init(row:))
    }

    /// Every organization `user` belongs to, by name.
    func list(for user: UUID) async throws -> [OrganizationResponse] {
        let rows = try await database.fetch(sql.statement(
            """
            SELECT \(OrganizationResponse.columns) FROM auth_organizations o \
            JOIN auth_memberships m ON m.organization_id = o.id WHERE m.user_id = ? ORDER BY o.name, o.id
            """, [.uuid(user)]))
        return try rows.map(OrganizationResponse.init(row:))
    }

    func rename(_ organization: UUID, name: String, now: Date) -> SQLStatement {
        sql.statement(
            "UPDATE auth_organizations SET name = ?, updated_at = ? WHERE id = ?", [.text(name), .timestamp(now), .uuid(organization)])
    }

    /// Members by join time.
    func members(of organization: UUID) async throws -> [MemberResponse] {
        let rows = try await database.fetch(sql.statement(
            """
            SELECT \(MemberResponse.columns) FROM auth_memberships m JOIN auth_users u ON u.id = m.user_id \
            WHERE m.organization_id = ? ORDER BY m.created_at, u.id
            """, [.uuid(organization)]))
        return try rows.map(MemberResponse.init(row:))
    }

    /// `user`'s role in `organization`, or `nil` when not a member.
    func role(of user: UUID, in organization: UUID) async throws -> String? {
        let rows = try await database.fetch(sql.statement(
            "SELECT role FROM auth_memberships WHERE organization_id = ? AND user_id = ?", [.uuid(organization), .uuid(user)]))
        guard let row = rows.first else { return nil }
        var reader = RowReader(row)
        return try reader.string()
    }

    /// Changes a role unless that would leave the organization without an owner (0 rows then).
    func changeRole(of user: UUID, in organization: UUID, to role: String) -> SQLStatement {
        sql.statement(
            "UPDATE auth_memberships SET role = ? WHERE organization_id = ? AND user_id = ? AND (? = 'owner' OR \(Self.keepsAnOwner))",
            [.text(role), .uuid(organization), .uuid(user), .text(role)])
    }

    /// Removes a member unless it is the last owner (0 rows then).
    func remove(_ user: UUID, from organization: UUID) -> SQLStatement {
        sql.statement(
            "DELETE FROM auth_memberships WHERE organization_id = ? AND user_id = ? AND \(Self.keepsAnOwner)",
            [.uuid(organization), .uuid(user)])
    }

    func invite(
        id: UUID, organization: UUID, email: String, role: String, token: RefreshToken, invitedBy: UUID, now: Date,
        expiresAt: Date
    ) -> SQLStatement {
        sql.statement(
            """
            INSERT INTO auth_invitations (id, organization_id, email, role, lookup_id, secret_hash, invited_by, created_at, expires_at) \
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .uuid(id), .uuid(organization), .text(email), .text(role), .text(token.lookupID),
                .text(SecretText.digest(token.secret)), .uuid(invitedBy), .timestamp(now), .timestamp(expiresAt),
            ])
    }

    /// Invitations neither accepted, revoked nor expired.
    func pendingInvitations(of organization: UUID, now: Date) async throws -> [InvitationResponse] {
        let rows = try await database.fetch(sql.statement(
            """
            SELECT \(InvitationResponse.columns) FROM auth_invitations WHERE organization_id = ? AND accepted_at IS NULL \
            AND revoked_at IS NULL AND expires_at > ? ORDER BY created_at, id
            """, [.uuid(organization), .timestamp(now)]))
        return try rows.map(InvitationResponse.init(row:))
    }

    func revokeInvitation(_ id: UUID, of organization: UUID, now: Date) -> SQLStatement {
        sql.statement(
            """
            UPDATE auth_invitations SET revoked_at = ? WHERE id = ? AND organization_id = ? AND accepted_at IS NULL \
            AND revoked_at IS NULL
            """, [.timestamp(now), .uuid(id), .uuid(organization)])
    }

    /// A presented invitation: id, organization, email, role, secret digest.
    func presentedInvitation(lookupID: String) async throws -> (id: UUID, organization: UUID, email: String, role: String, digest: String)? {
        let rows = try await database.fetch(sql.statement(
            "SELECT id, organization_id, email, role, secret_hash FROM auth_invitations WHERE lookup_id = ?", [.text(lookupID)]))
        guard let row = rows.first else { return nil }
        var reader = RowReader(row)
        return (try reader.uuid(), try reader.uuid(), try reader.string(), try reader.string(), try reader.string())
    }

    /// Marks a live invitation accepted; changes one row only for the first caller.
    func accept(_ id: UUID, now: Date) -> SQLStatement {
        sql.statement(
            """
            UPDATE auth_invitations SET accepted_at = ? WHERE id = ? AND accepted_at IS NULL AND revoked_at IS NULL \
            AND expires_at > ?
            """, [.timestamp(now), .uuid(id), .timestamp(now)])
    }

    /// Gives back the invitation `id` used up at `acceptedAt` by a join whose account could not
    /// be made (only that use: an invitation accepted at another moment is left alone).
    func reopen(_ id: UUID, acceptedAt: Date) -> SQLStatement {
        sql.statement(
            "UPDATE auth_invitations SET accepted_at = NULL WHERE id = ? AND accepted_at = ?", [.uuid(id), .timestamp(acceptedAt)])
    }
}
