import Foundation
import Hummingbird
import NIOCore
import Runtime
import ValueFormats

/// Organization-bound sessions: tokens whose scopes are the caller's organization role.
extension AuthRoutes {
    var projects: ProjectStore { ProjectStore(sql: service.sql, database: service.database) }

    /// `POST /organizations/{id}/tokens` → 201 with the tokens of a NEW session bound to the
    /// organization (and, with `project_id`, to one of its live projects). 404 for a
    /// non-member; 403 for a token bound to another organization.
    func organizationTokens(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        let member = try await membership(context)
        let caller = try requireCaller(context)
        let body = try await decodeBody(request, bodies.organizationTokens)
        let project = try body.optionalUUID("project_id") ?? caller.identity.projectID.flatMap(ValueFormats.uuid)
        if let bound = caller.identity.projectID, bound != project.map(ValueFormats.lowercaseText) {
            throw APIError.forbidden("These credentials are bound to project \(bound).")
        }
        let now = service.clock()
        let binding = try await requestedBinding(user: member.userID, organization: member.organization, project: project, now: now)
        guard let user = try await users.find(id: member.userID) else { throw APIError.invalidCredentials() }
        let tokens = try await startSession(
            for: user, expiresAt: nil, leading: [], action: "organization_session_created", request: request, context: context,
            now: now, binding: binding)
        return tokenResponse(tokens, status: .created, now: now, request: request)
    }

    /// The binding a login or token request asks for, checked: `user` must be a member of
    /// `organization` (404 otherwise) and `project` a live project of it (422 naming
    /// `project_id`); a project without an organization is 422 naming `organization_id`.
    func requestedBinding(user: UUID, organization: UUID?, project: UUID?, now: Date) async throws -> SessionBinding {
        guard let organization else {
            if project != nil {
                throw APIError.validation([.init(field: "organization_id", message: "is required with project_id")])
            }
            return .none
        }
        guard try await organizations.role(of: user, in: organization) != nil else { throw notFound("organization", organization, .organization) }
        if let project {
            try await requireLiveProject(project, in: organization, field: "project_id")
        }
        return SessionBinding(organizationID: organization, projectID: project)
    }

    /// 422 naming `field` unless `project` is a live project of `organization`.
    func requireLiveProject(_ project: UUID, in organization: UUID, field: String) async throws {
        guard let found = try await projects.find(project, in: organization), found.archivedAt == nil else {
            throw APIError.validation([.init(field: field, message: "is not an active project of the organization")])
        }
    }
}

/// Sign-up that also creates an organization (Auctoritas' "register organization + owner").
extension AuthRoutes {
    /// The organization a sign-up asks for with `organization_name` + `organization_slug`
    /// (members 3 and 4 of `AuthBodies.signup`): its statements (organization, owner
    /// membership, audit event), written in the sign-up's transaction, and the session's
    /// binding to it. Neither member: nothing; only one: 422 naming the other.
    func signupOrganization(_ body: ContractInput, owner: UUID, now: Date) throws -> (statements: [SQLStatement], binding: SessionBinding) {
        let name = try body.optionalString("organization_name")
        let slug = try body.optionalString("organization_slug")
        guard let name, let slug else {
            if name != nil { throw APIError.validation([.init(field: "organization_slug", message: "is required with organization_name")]) }
            if slug != nil { throw APIError.validation([.init(field: "organization_name", message: "is required with organization_slug")]) }
            return ([], .none)
        }
        let id = UUID()
        let statements = organizations.insert(id: id, name: name, slug: slug, creator: owner, now: now) + [
            audit.event("organization_created", actor: ValueFormats.lowercaseText(of: owner), target: ValueFormats.lowercaseText(of: id), ipAddress: nil, now: now),
        ]
        return (statements, SessionBinding(organizationID: id, projectID: nil))
    }

    /// The 409 of a sign-up whose transaction hit a unique constraint: the email when an
    /// account has it, else the organization's slug.
    func signupConflict(_ error: DatabaseError, email: String, organization: SessionBinding) async throws -> any Error {
        guard case .uniqueViolation = error.code, organization.organizationID != nil, try await users.find(email: email) == nil else {
            return Self.emailConflict(error)
        }
        return APIError.conflict(
            "The organization slug is taken.", fieldErrors: [.init(field: "organization_slug", message: "is already used by another organization")])
    }
}
