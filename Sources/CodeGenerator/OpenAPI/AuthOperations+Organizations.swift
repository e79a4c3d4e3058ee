import OpenAPIKit
import SchemaModel

/// Organization-bound tokens, projects and project keys (`Auth` module).
extension AuthOperations {
    /// The routes of organization-bound credentials; the key routes only when the app issues keys.
    func organizationBindingRoutes() -> [Route] {
        var routes = [
            Route(
                method: .post, path: "/organizations/{id}/tokens", operationID: "authOrganizationTokens",
                summary: "Get tokens bound to an organization",
                description: "Starts a new session bound to the organization (and, with `project_id`, to one of its live "
                    + "projects). Its access tokens carry `org` (and `prj`) and hold the scopes of the caller's current "
                    + "organization role; they stop working as soon as the membership ends or the project is archived. "
                    + "404 for a non-member; 403 for credentials bound to another organization; 422 naming `project_id` "
                    + "for a project that is not live in the organization.",
                request: "AuthOrganizationTokensRequest", requestOptional: true, status: 201, response: "AuthTokens",
                errors: [.notFound, .validationError]),
            Route(
                method: .post, path: "/organizations/{id}/projects", operationID: "authCreateProject", summary: "Create a project",
                description: "Needs the `organization:projects` ability (owners always have it). 409 when the slug is taken in the organization.",
                request: "AuthProjectCreate", status: 201, response: "AuthProject", errors: [.notFound, .conflict, .validationError]),
            Route(
                method: .get, path: "/organizations/{id}/projects", operationID: "authListProjects", summary: "List projects",
                description: "The organization's projects that are not archived, by name; for members.", status: 200,
                response: "AuthProjectList", errors: [.notFound]),
            Route(
                method: .get, path: "/organizations/{id}/projects/{project_id}", operationID: "authGetProject", summary: "Get a project",
                description: "For members; archived projects too (with `archived_at`).", status: 200, response: "AuthProject",
                errors: [.notFound]),
            Route(
                method: .delete, path: "/organizations/{id}/projects/{project_id}", operationID: "authArchiveProject",
                summary: "Archive a project",
                description: "Needs `organization:projects`. Every token and API key bound to the project stops working at once.",
                status: 204, errors: [.notFound]),
        ]
        if auth.apiKeys != nil {
            routes += [
                Route(
                    method: .get, path: "/organizations/{id}/projects/{project_id}/keys", operationID: "authListProjectKeys",
                    summary: "List a project's API keys",
                    description: "The live keys bound to the project (prefix and last four only); for members.", status: 200,
                    response: "AuthAPIKeyList", errors: [.notFound]),
                Route(
                    method: .post, path: "/organizations/{id}/projects/{project_id}/keys", operationID: "authRotateProjectKey",
                    summary: "Rotate a project's API key",
                    description: "Needs `organization:projects`. Issues the project's key for `environment` (shown once); the "
                        + "project's previous key for that environment stops working at once. Its scopes stay within the caller's "
                        + "organization role (403).",
                    request: "AuthProjectKeyRotate", status: 201, response: "AuthAPIKey", errors: [.notFound, .validationError]),
            ]
        }
        return routes
    }
}
