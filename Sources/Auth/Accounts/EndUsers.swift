import Foundation
import Hummingbird
import Runtime
import ValueFormats

/// End users of a project (Auctoritas' SDK end users): accounts created by a sign-up that
/// presents a key bound to the project in `X-API-Key`. Such an account belongs to that project
/// (`auth_users.project_id`); its email is unique inside the project only, so the same address
/// can be an app-level account and an end user of several projects, each a separate account.
enum EndUsers {
    /// `Identity.kind` of an end user's access token. Not `user`: the account routes that end
    /// users may use opt in (`AuthRoutes.requireCaller(_:allowingEndUsers:)`); organization,
    /// API key and credential-issuing routes keep refusing them.
    static let kind = Identity.endUserKind

    /// The login throttle subject of an end user: per project, so failures in one project
    /// never lock the same address in another project or at app level.
    static func throttleSubject(email: String, project: UUID) -> String {
        "login:" + ValueFormats.lowercaseText(of: project) + ":" + email
    }
}

extension AuthRoutes {
    /// The project a sign-up or login addresses. No `X-API-Key` header: `nil` (app-level
    /// accounts). Otherwise the header must hold a live API key bound to a project (the
    /// project's own keys, `POST .../projects/{project_id}/keys`, or a member's key bound to
    /// it): anything else is 401, never a silent fall-back to app-level accounts. The key was
    /// already checked by the authenticator (one read), so this reads nothing.
    func presentedProject(_ request: Request, _ context: LoomRequestContext) throws -> SessionBinding? {
        guard request.headers[service.apiKeyHeader] != nil else { return nil }
        let identity = try context.requireIdentity()
        guard identity.kind == "api_key", let organization = identity.organizationID.flatMap(ValueFormats.uuid),
            let project = identity.projectID.flatMap(ValueFormats.uuid)
        else {
            throw APIError.invalidCredentials("X-API-Key must be a key bound to a project to sign up or log in its end users.")
        }
        return SessionBinding(organizationID: organization, projectID: project)
    }
}

extension AuthRoutes {
    /// The binding of a login's session. An end user's session is always bound to its
    /// project (and the project's organization); asking for another binding in the body is 422.
    /// An app-level account gets the binding it asks for (`requestedBinding`).
    func loginBinding(_ body: ContractInput, user: UserRecord, project: SessionBinding?, now: Date) async throws -> SessionBinding {
        let organization = try body.optionalUUID("organization_id")
        let requestedProject = try body.optionalUUID("project_id")
        guard let project else {
            return try await requestedBinding(user: user.id, organization: organization, project: requestedProject, now: now)
        }
        if let organization, organization != project.organizationID {
            throw APIError.validation([.init(field: "organization_id", message: "must be the project key's organization or absent")])
        }
        if let requestedProject, requestedProject != project.projectID {
            throw APIError.validation([.init(field: "project_id", message: "must be the project key's project or absent")])
        }
        return project
    }
}
