import Foundation
import Hummingbird
import NIOCore
import Runtime
import ValueFormats

/// Projects inside organizations (Auctoritas) and each project's own API key per environment.
extension AuthRoutes {
    /// `POST /organizations/{id}/projects` → 201; needs `organization:projects`; 409 when the
    /// slug is taken in the organization.
    func createProject(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        let member = try await membership(context, ability: .projects)
        let body = try await decodeBody(request, bodies.createProject)
        let now = service.clock()
        let project = ProjectResponse(
            id: UUID(), organizationID: member.organization, name: try body.string("name"), slug: try body.string("slug"),
            description: try body.optionalString("description"), now: now)
        do {
            _ = try await service.database.write([
                projects.insert(project, creator: member.userID),
                audit.event(
                    "project_created", actor: ValueFormats.lowercaseText(of: member.userID), target: ValueFormats.lowercaseText(of: project.id),
                    ipAddress: RequestClientAddress.of(context), now: now),
            ])
        } catch let error as DatabaseError {
            if case .uniqueViolation = error.code {
                throw APIError.conflict(
                    "The slug is taken.", fieldErrors: [.init(field: "slug", message: "is already used by another project of the organization")])
            }
            throw error
        }
        return answer(status: .created, value: project)
    }

    /// `GET /organizations/{id}/projects` → the organization's live projects, for members.
    func listProjects(_ context: LoomRequestContext) async throws -> Response {
        let member = try await membership(context)
        return answer(status: .ok, value: ItemsResponse(items: try await projects.active(in: member.organization)))
    }

    /// `GET /organizations/{id}/projects/{project_id}` → the live project, for members; 404 once
    /// it is archived (`DELETE`), as for a deleted resource: the id stays reserved in the table.
    func getProject(_ context: LoomRequestContext) async throws -> Response {
        let member = try await membership(context)
        return answer(status: .ok, value: try await activeProject(context, in: member.organization))
    }

    /// `DELETE /organizations/{id}/projects/{project_id}` → 204: archives the project; every
    /// token and key bound to it stops working at once. Needs `organization:projects`.
    func archiveProject(_ context: LoomRequestContext) async throws -> Response {
        let member = try await membership(context, ability: .projects)
        let id = try projectIDParameter(context)
        let now = service.clock()
        let results = try await service.database.write([
            projects.archive(id, in: member.organization, now: now),
            audit.event(
                "project_archived", actor: ValueFormats.lowercaseText(of: member.userID), target: ValueFormats.lowercaseText(of: id),
                ipAddress: RequestClientAddress.of(context), now: now),
        ])
        guard results.first?.changes == 1 else { throw notFound("active project", id, .project) }
        return Response(status: .noContent)
    }

    /// `GET /organizations/{id}/projects/{project_id}/keys` → the live keys bound to the project
    /// (prefix and last four only), for members; 404 once the project is archived (deleted),
    /// like every key route under it.
    func listProjectKeys(_ context: LoomRequestContext) async throws -> Response {
        let member = try await membership(context)
        let found = try await activeProject(context, in: member.organization)
        let records = try await projects.keys(of: found.id)
        return answer(status: .ok, value: EnvelopedList(records.map { APIKeyResponse(record: $0, key: nil) }, in: keyEnvelopes))
    }

    /// `POST /organizations/{id}/projects/{project_id}/keys` → 201 with the project's new key for
    /// `environment` (shown once); the project's previous key for that environment dies at
    /// once, in the same transaction. Needs `organization:projects`; `scopes` (default none)
    /// stay within the caller's organization role.
    func rotateProjectKey(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        let member = try await membership(context, ability: .projects)
        let caller = try requireCaller(context)
        let found = try await activeProject(context, in: member.organization)
        let body = try await decodeBody(request, bodies.rotateProjectKey)
        let environment = try body.string("environment")
        let order = KeyOrder(
            name: "\(found.slug) \(environment)", environment: environment, scopes: try body.optionalArray("scopes").map(Self.strings) ?? [],
            organizationID: member.organization, projectID: found.id, purpose: APIKeyRecord.project)
        let issued = try await issueKey(
            order, caller: caller.identity, userID: member.userID, ipAddress: RequestClientAddress.of(context),
            leading: [projects.revokeKeys(of: found.id, environment: environment, now: service.clock())])
        return answer(status: .created, value: EnvelopedRecord(APIKeyResponse(record: issued.record, key: issued.key), in: keyEnvelopes))
    }

    /// The project of the `{project_id}` path parameter in `organization`, or 404; 403 for a
    /// caller bound to another project.
    private func project(_ context: LoomRequestContext, in organization: UUID) async throws -> ProjectResponse {
        let id = try projectIDParameter(context)
        if let bound = context.identity?.projectID, bound != ValueFormats.lowercaseText(of: id) {
            throw APIError.forbidden("These credentials are bound to project \(bound).")
        }
        guard let found = try await projects.find(id, in: organization) else { throw notFound("project", id, .project) }
        return found
    }

    /// `project(_:in:)`, and 404 when it is archived: after `DELETE` the project answers as deleted
    /// (its own read and its keys routes).
    private func activeProject(_ context: LoomRequestContext, in organization: UUID) async throws -> ProjectResponse {
        let found = try await project(context, in: organization)
        guard found.archivedAt == nil else { throw notFound("active project", found.id, .project) }
        return found
    }

    /// The `{project_id}` path parameter, or 404.
    private func projectIDParameter(_ context: LoomRequestContext) throws -> UUID {
        try pathID(context, "project_id", .project, what: "project")
    }
}
