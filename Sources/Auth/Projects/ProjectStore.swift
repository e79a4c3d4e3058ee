import Foundation
import Runtime

/// The statements that read and write `auth_projects`.
struct ProjectStore: Sendable {
    let sql: AuthSQL
    let database: any DatabaseClient

    /// Inserts a new project (a taken slug in the organization is a unique violation).
    func insert(_ project: ProjectResponse, creator: UUID) -> SQLStatement {
        sql.statement(
            """
            INSERT INTO auth_projects (id, organization_id, name, slug, description, created_by, created_at, updated_at) \
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [
                .uuid(project.id), .uuid(project.organizationID), .text(project.name), .text(project.slug),
                project.description.map(SQLValue.text) ?? .null, .uuid(creator), .timestamp(project.createdAt),
                .timestamp(project.updatedAt),
            ])
    }

    /// The organization's projects that are not archived, by name.
    func active(in organization: UUID) async throws -> [ProjectResponse] {
        let rows = try await database.fetch(sql.statement(
            """
            SELECT \(ProjectResponse.columns) FROM auth_projects WHERE organization_id = ? AND archived_at IS NULL \
            ORDER BY name, id
            """, [.uuid(organization)]))
        return try rows.map(ProjectResponse.init(row:))
    }

    /// One project of the organization, archived or not.
    func find(_ id: UUID, in organization: UUID) async throws -> ProjectResponse? {
        let rows = try await database.fetch(sql.statement(
            "SELECT \(ProjectResponse.columns) FROM auth_projects WHERE id = ? AND organization_id = ?",
            [.uuid(id), .uuid(organization)]))
        return try rows.first.map(ProjectResponse.init(row:))
    }

    /// Archives a live project (0 rows when it is unknown or already archived).
    func archive(_ id: UUID, in organization: UUID, now: Date) -> SQLStatement {
        sql.statement(
            "UPDATE auth_projects SET archived_at = ?, updated_at = ? WHERE id = ? AND organization_id = ? AND archived_at IS NULL",
            [.timestamp(now), .timestamp(now), .uuid(id), .uuid(organization)])
    }

    /// Every live key bound to the project, newest first.
    func keys(of project: UUID) async throws -> [APIKeyRecord] {
        let rows = try await database.fetch(sql.statement(
            """
            SELECT \(APIKeyRecord.columns) FROM auth_api_keys WHERE project_id = ? AND revoked_at IS NULL \
            ORDER BY created_at DESC, id
            """, [.uuid(project)]))
        return try rows.map(APIKeyRecord.init(row:))
    }

    /// Revokes the project's own key(s) for `environment` at once (before its successor is inserted).
    func revokeKeys(of project: UUID, environment: String, now: Date) -> SQLStatement {
        sql.statement(
            """
            UPDATE auth_api_keys SET revoked_at = ? WHERE project_id = ? AND environment = ? AND purpose = 'project' \
            AND revoked_at IS NULL
            """, [.timestamp(now), .uuid(project), .text(environment)])
    }
}
