import Foundation
import Runtime

/// What platform admins read and change across every tenant: organizations, end users, bans,
/// and the organization owner an impersonation token acts as.
struct PlatformDirectory: Sendable {
    let sql: AuthSQL
    let database: any DatabaseClient

    /// Status of a banned end user: every check that lets a user in asks for `active`.
    static let banned = "banned"

    /// A page of organizations, by name; `search` matches name or slug anywhere, ignoring case.
    func organizations(search: String?, page: PlatformPage) async throws -> (items: [PlatformOrganization], total: Int) {
        var condition = ""
        var binds: [SQLValue] = []
        if let search {
            condition = " WHERE LOWER(o.name) LIKE ? ESCAPE '\\' OR o.slug LIKE ? ESCAPE '\\'"
            let pattern = PlatformPage.containsPattern(search)
            binds = [.text(pattern), .text(pattern)]
        }
        let results = try await database.fetchSnapshot([
            sql.statement(
                "SELECT \(PlatformOrganization.columns) FROM auth_organizations o\(condition) ORDER BY o.name, o.id LIMIT ? OFFSET ?",
                binds + [.integer(Int64(page.limit)), .integer(Int64(page.offset))]),
            sql.statement("SELECT COUNT(*) FROM auth_organizations o\(condition)", binds),
        ])
        return (try results[0].map(PlatformOrganization.init(row:)), try Self.count(results[1]))
    }

    /// One organization, or `nil`.
    func organization(_ id: UUID) async throws -> PlatformOrganization? {
        let rows = try await database.fetch(sql.statement(
            "SELECT \(PlatformOrganization.columns) FROM auth_organizations o WHERE o.id = ?", [.uuid(id)]))
        return try rows.first.map(PlatformOrganization.init(row:))
    }

    /// A page of end users, newest first; `email` matches anywhere (ignoring case),
    /// `organization` keeps the members of one organization, `project` the end users of one project.
    func endUsers(
        email: String?, organization: UUID?, project: UUID? = nil, page: PlatformPage
    ) async throws -> (items: [EndUserResponse], total: Int) {
        try await endUsers(email: email, organization: organization, project: project, limit: page.limit, offset: page.offset)
    }

    /// A page of `limit` accounts after `offset`, newest first, with the filters of
    /// `endUsers(email:organization:project:page:)` and, for account administration, one
    /// `role` and one `status` (`active` or `banned`).
    func endUsers(
        email: String?, organization: UUID?, project: UUID? = nil, role: String? = nil, status: String? = nil, limit: Int, offset: Int
    ) async throws -> (items: [EndUserResponse], total: Int) {
        // The app's service account (`ServiceAccount`) is no one's account to list or ban.
        var conditions: [String] = ["u.status <> ?"]
        var binds: [SQLValue] = [.text(ServiceAccount.status)]
        if let email {
            conditions.append("u.email LIKE ? ESCAPE '\\'")
            binds.append(.text(PlatformPage.containsPattern(email)))
        }
        if let organization {
            conditions.append("EXISTS (SELECT 1 FROM auth_memberships m WHERE m.user_id = u.id AND m.organization_id = ?)")
            binds.append(.uuid(organization))
        }
        if let project {
            conditions.append("u.project_id = ?")
            binds.append(.uuid(project))
        }
        if let role {
            conditions.append("u.role = ?")
            binds.append(.text(role))
        }
        if let status {
            conditions.append("u.status = ?")
            binds.append(.text(status))
        }
        let condition = " WHERE " + conditions.joined(separator: " AND ")
        let results = try await database.fetchSnapshot([
            sql.statement(
                "SELECT \(EndUserResponse.columns) FROM auth_users u\(condition) ORDER BY u.created_at DESC, u.id LIMIT ? OFFSET ?",
                binds + [.integer(Int64(limit)), .integer(Int64(offset))]),
            sql.statement("SELECT COUNT(*) FROM auth_users u\(condition)", binds),
        ])
        return (try results[0].map(EndUserResponse.init(row:)), try Self.count(results[1]))
    }

    /// One end user, or `nil`.
    func endUser(_ id: UUID) async throws -> EndUserResponse? {
        let rows = try await database.fetchByKey(sql.statement(
            "SELECT \(EndUserResponse.columns) FROM auth_users u WHERE u.id = ? AND u.status <> ?", [.uuid(id), .text(ServiceAccount.status)]))
        return try rows.first.map(EndUserResponse.init(row:))
    }

    /// Sets a user's status (`banned` or `active`); changes nothing for other statuses.
    func setStatus(_ id: UUID, to status: String, now: Date) -> SQLStatement {
        sql.statement(
            "UPDATE auth_users SET status = ?, updated_at = ? WHERE id = ? AND status IN (?, ?)",
            [.text(status), .timestamp(now), .uuid(id), .text(UserRecord.active), .text(Self.banned)])
    }

    /// The organization's first owner (the one an impersonation token acts as) and their app role.
    func owner(of organization: UUID) async throws -> (userID: UUID, role: String, status: String)? {
        let rows = try await database.fetch(sql.statement(
            """
            SELECT m.user_id, u.role, u.status FROM auth_memberships m JOIN auth_users u ON u.id = m.user_id \
            WHERE m.organization_id = ? AND m.role = ? ORDER BY m.created_at, m.user_id LIMIT 1
            """, [.uuid(organization), .text(OrganizationRoles.owner)]))
        guard let row = rows.first else { return nil }
        var reader = RowReader(row)
        return (try reader.uuid(), try reader.string(), try reader.string())
    }

    /// The app role of `user` when an impersonation token for it may be used now: `admin` is
    /// active, and `user` is active and still an owner of `organization`. One round trip per request.
    func impersonatedRole(admin: UUID, user: UUID, organization: UUID) async throws -> String? {
        let rows = try await database.fetch(sql.statement(
            """
            SELECT u.role FROM auth_memberships m JOIN auth_users u ON u.id = m.user_id \
            JOIN auth_platform_admins a ON a.id = ? \
            WHERE m.organization_id = ? AND m.user_id = ? AND m.role = ? AND u.status = ? AND a.status = ?
            """,
            [
                .uuid(admin), .uuid(organization), .uuid(user), .text(OrganizationRoles.owner),
                .text(UserRecord.active), .text(PlatformAdminRecord.active),
            ]))
        guard let row = rows.first else { return nil }
        var reader = RowReader(row)
        return try reader.string()
    }

    private static func count(_ rows: [SQLRow]) throws -> Int {
        guard let row = rows.first else { return 0 }
        var reader = RowReader(row)
        return Int(try reader.integer())
    }
}
