import OpenAPIKit
import SchemaModel

/// The platform admin routes (`auth.platformAdmins`) as OpenAPI operations under
/// `basePath + auth.platformAdmins.path`, tagged `platform`, with their schemas and the
/// `platformBearerAuth` scheme. The runtime's `PlatformBodies` holds the same request members.
struct PlatformOperations {
    /// Tag of every platform route.
    static let tag = "platform"
    /// Security scheme of platform admin access tokens.
    static let bearerScheme = "platformBearerAuth"

    /// The app's auth section.
    let auth: AuthConfig
    /// `auth.platformAdmins`.
    let platform: AuthPlatformAdminsConfig
    /// App-wide facts.
    let context: DocumentContext

    /// One documented route.
    private struct Route {
        let method: OpenAPI.HttpMethod
        let path: String
        let operationID: String
        let summary: String
        let description: String
        var request: String? = nil
        let status: Int
        var response: String? = nil
        var needsToken = true
        var query: [(name: String, description: String)] = []
        var errors: [ErrorResponse] = []
    }

    /// Every platform route.
    func routes() -> [DocumentedRoute] {
        let page = [("limit", "Rows per page, 1 to 100 (default 20)."), ("offset", "Rows skipped (default 0).")]
        let routes: [Route] = [
            Route(
                method: .post, path: "/auth/login", operationID: "platformLogin", summary: "Platform admin login",
                description: "Starts a platform session. Platform tokens work only on these routes; app tokens never work here. "
                    + "Failures are throttled like app logins (429).",
                request: "PlatformLoginRequest", status: 200, response: "PlatformTokens", needsToken: false, errors: [.validationError]),
            Route(
                method: .post, path: "/auth/refresh", operationID: "platformRefresh", summary: "Refresh platform tokens",
                description: "Exchanges the latest refresh token for new tokens; a reused refresh token revokes the platform session.",
                request: "PlatformRefreshRequest", status: 200, response: "PlatformTokens", needsToken: false, errors: [.validationError]),
            Route(
                method: .get, path: "/admin/me", operationID: "platformGetMe", summary: "The calling admin",
                description: "The platform admin of the token.", status: 200, response: "PlatformAdmin"),
            Route(
                method: .patch, path: "/admin/me", operationID: "platformUpdateMe", summary: "Update the calling admin",
                description: "Changes name, email and/or password (with `current_password`, 403 when wrong; other platform sessions end). "
                    + "409 when the email is taken.",
                request: "PlatformAdminUpdate", status: 200, response: "PlatformAdmin", errors: [.conflict, .validationError]),
            Route(
                method: .post, path: "/admin", operationID: "platformCreateAdmin", summary: "Create a platform admin",
                description: "409 when an admin has the email. The first admin is created with `loom-server create-admin`.",
                request: "PlatformAdminCreate", status: 201, response: "PlatformAdmin", errors: [.conflict, .validationError]),
            Route(
                method: .delete, path: "/admin/{id}", operationID: "platformDeactivateAdmin", summary: "Deactivate a platform admin",
                description: "The admin's platform and impersonation tokens stop working at once. 409 for oneself or the last active admin.",
                status: 204, errors: [.notFound, .conflict]),
            Route(
                method: .get, path: "/admin/organizations", operationID: "platformListOrganizations", summary: "List organizations",
                description: "Every organization, by name, with its member count.", status: 200, response: "PlatformOrganizationPage",
                query: page + [("search", "Part of the name or slug, ignoring case.")], errors: [.validationError]),
            Route(
                method: .get, path: "/admin/organizations/{id}", operationID: "platformGetOrganization", summary: "Get an organization",
                description: "The organization and its members.", status: 200, response: "PlatformOrganizationDetail", errors: [.notFound]),
            Route(
                method: .post, path: "/admin/organizations/{id}/impersonate", operationID: "platformImpersonate",
                summary: "Impersonate an organization",
                description: "A short-lived (\(platform.impersonationSeconds) s) app access token bound to the organization (`org`), "
                    + "acting as its first owner and naming the admin (`act`). It cannot be refreshed, cannot manage the owner's "
                    + "account, sessions or keys, dies when the admin is deactivated, and its issuance and every unsafe request "
                    + "made with it are audited. 409 when the organization has no active owner.",
                status: 201, response: "PlatformImpersonation", errors: [.notFound, .conflict]),
            Route(
                method: .get, path: "/admin/end-users", operationID: "platformListEndUsers", summary: "List end users",
                description: "Every account (app-level accounts and the end users of projects), newest first.", status: 200,
                response: "PlatformEndUserPage",
                query: page + [
                    ("email", "Part of the email address, ignoring case."), ("organization_id", "Only members of this organization."),
                    ("project_id", "Only end users of this project."),
                ],
                errors: [.validationError]),
            Route(
                method: .post, path: "/admin/end-users/{id}/ban", operationID: "platformBanEndUser", summary: "Ban an end user",
                description: "From this request on, the account's access tokens, refresh tokens, sessions and API keys are refused "
                    + "and it cannot log in; its sessions are revoked.", status: 200, response: "PlatformEndUser", errors: [.notFound]),
            Route(
                method: .post, path: "/admin/end-users/{id}/unban", operationID: "platformUnbanEndUser", summary: "Unban an end user",
                description: "The account may log in again; its API keys work again.", status: 200, response: "PlatformEndUser",
                errors: [.notFound]),
        ]
        return routes.map(documented)
    }

    private func documented(_ route: Route) -> DocumentedRoute {
        var errors = route.errors + [.internalError, .serviceUnavailable]
        var body: OpenAPI.Request?
        if let request = route.request {
            errors += [.badRequest, .payloadTooLarge, .unsupportedMediaType]
            body = OpenAPI.Request(
                description: "The request.", content: [.json: .content(OpenAPI.Content(schemaReference: .component(named: request)))],
                required: true)
        }
        let success = route.response.map { ResponseFactory.json("Success.", schema: SchemaFactory.reference($0)) }
            ?? ResponseFactory.empty("Done.")
        var responses = ResponseFactory.map(success: [(route.status, success)], errors: Array(Set(errors)))
        responses[.status(code: 401)] = .reference(.component(named: "Unauthorized"))
        if route.path == "/auth/login" { responses[.status(code: 429)] = .reference(.component(named: "TooManyRequests")) }
        var parameters: OpenAPI.Parameter.Array = []
        if route.path.contains("{id}") {
            let description = "Id of the admin, organization or end user."
            parameters.append(.parameter(OpenAPI.Parameter(
                name: "id", context: .path(schema: SchemaFactory.string(description, format: .uuid)), description: description)))
        }
        for (name, description) in route.query {
            let schema = name == "limit" || name == "offset" ? SchemaFactory.integer(description)
                : SchemaFactory.string(description, format: name.hasSuffix("_id") ? .uuid : .generic)
            parameters.append(.parameter(OpenAPI.Parameter(name: name, context: .query(required: false, schema: schema), description: description)))
        }
        let operation = OpenAPI.Operation(
            tags: [Self.tag], summary: route.summary, description: route.description, operationId: route.operationID,
            parameters: parameters, requestBody: body, responses: responses,
            security: route.needsToken ? [[.component(named: Self.bearerScheme): []]] : [])
        let path = context.config.basePath + platform.path + route.path
        return DocumentedRoute(path: path, method: route.method, operation: operation, file: context.config.file)
    }

    /// The `platformBearerAuth` scheme.
    static func securityScheme() -> (String, OpenAPI.SecurityScheme) {
        (bearerScheme, .http(
            scheme: "bearer", bearerFormat: "JWT",
            description: "Platform admin access token from the platform `auth/login` or `auth/refresh` (HS256, `typ: platform+jwt`); "
                + "never an app user's token."))
    }
}
