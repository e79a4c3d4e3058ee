import OpenAPIKit
import SchemaModel

/// The routes the `Auth` module serves for an app with an `auth` section, as OpenAPI
/// operations under `basePath + auth.path`, tagged `auth`, with their security requirements
/// and the 401/403/429 answers they can give.
struct AuthOperations {
    /// Tag of every auth route.
    static let tag = "auth"

    /// The app's auth section.
    let auth: AuthConfig
    /// App-wide facts.
    let context: DocumentContext

    /// One documented route.
    struct Route {
        let method: OpenAPI.HttpMethod
        let path: String
        let operationID: String
        let summary: String
        let description: String
        var request: String? = nil
        var requestOptional = false
        let status: Int
        var response: String? = nil
        var needsToken = true
        var acceptsAPIKey = false
        /// A public route that also takes a project's key (`X-API-Key`): sign-up and login of end users.
        var takesProjectKey = false
        var errors: [ErrorResponse] = []
        var authErrors: [String] = []
    }

    /// Every auth route.
    func routes() -> [DocumentedRoute] {
        var routes: [Route] = [
            Route(
                method: .post, path: "/signup", operationID: "authSignup", summary: "Create an account",
                description: "Creates an account with the default role and starts its first session. 409 when the email is taken. "
                    + "With `organization_name` and `organization_slug` it also creates an organization owned by the account "
                    + "and binds the session to it (409 naming `organization_slug` when taken). With a project's API key in "
                    + "`X-API-Key` the account is an end user of that project (the email is unique per project, so the same "
                    + "address can also be an app-level account or an end user of another project) and its tokens carry "
                    + "`org` and `prj`; an invalid key or one bound to no project is 401.",
                request: "AuthSignupRequest", status: 201, response: "AuthTokens", needsToken: false, takesProjectKey: true,
                errors: [.conflict, .validationError], authErrors: ["Unauthorized"]),
            Route(
                method: .post, path: "/login", operationID: "authLogin", summary: "Log in",
                description: "Starts a session. A wrong email or password is 401 and takes as long either way; after "
                    + "\(auth.passwords.maxFailures) failures the email is locked for \(auth.passwords.lockoutSeconds) seconds (429). "
                    + "With a project's API key in `X-API-Key` only that project's end users are found (their session is bound "
                    + "to the project: `org`, `prj`); without one, only app-level accounts.",
                request: "AuthLoginRequest", status: 200, response: "AuthTokens", needsToken: false, takesProjectKey: true,
                errors: [.validationError], authErrors: ["Unauthorized", "TooManyRequests"]),
            Route(
                method: .post, path: "/refresh", operationID: "authRefresh", summary: "Refresh tokens",
                description: "Exchanges the session's latest refresh token for a new access token and the next refresh token. "
                    + "A refresh token is accepted once: presenting a used one revokes the whole session.",
                request: "AuthRefreshRequest", status: 200, response: "AuthTokens", needsToken: false,
                errors: [.validationError], authErrors: ["Unauthorized"]),
            Route(
                method: .post, path: "/logout", operationID: "authLogout", summary: "Log out",
                description: "Ends the current session; its access and refresh tokens stop working at once.", status: 204),
            Route(
                method: .get, path: "/identity", operationID: "authIdentity", summary: "Who is calling",
                description: "What the credentials identify: a user's access token or an API key, and the scopes it holds.",
                status: 200, response: "AuthIdentity", acceptsAPIKey: true),
            Route(
                method: .get, path: "/me", operationID: "authGetProfile", summary: "The caller's account",
                description: "The account of the access token's user.", status: 200, response: "AuthUser"),
            Route(
                method: .patch, path: "/me", operationID: "authUpdateProfile", summary: "Change name or email",
                description: "Changes the caller's name and/or email. 409 when the email is taken.",
                request: "AuthProfileUpdate", status: 200, response: "AuthUser", errors: [.conflict, .validationError]),
            Route(
                method: .post, path: "/me/password", operationID: "authChangePassword", summary: "Change password",
                description: "Checks `current_password` (403 when wrong; failures count towards the login lock) and "
                    + "sets `new_password`; every other session of the account ends.",
                request: "AuthPasswordChange", status: 204, errors: [.validationError], authErrors: ["TooManyRequests"]),
            Route(
                method: .post, path: "/password/forgot", operationID: "authForgotPassword", summary: "Ask for a password reset",
                description: "Answers 202 whether or not the email has an account; an active account gets a reset token "
                    + "by mail, valid for an hour and usable once.",
                request: "AuthPasswordForgot", status: 202, needsToken: false, errors: [.validationError]),
            Route(
                method: .post, path: "/password/reset", operationID: "authResetPassword", summary: "Reset the password",
                description: "Sets `new_password` with a reset token from the mail; every session of the account ends. "
                    + "An unknown, expired or used token is 422 naming `token`.",
                request: "AuthPasswordReset", status: 204, needsToken: false, errors: [.validationError]),
            Route(
                method: .post, path: "/email/verification", operationID: "authRequestEmailVerification",
                summary: "Send an email verification token",
                description: "Mails a verification token (valid for a day) to the caller's address: 202; 204 when it is already verified.",
                status: 202),
            Route(
                method: .post, path: "/email/verify", operationID: "authVerifyEmail", summary: "Verify the email address",
                description: "Marks the address the token was sent to as verified, if the account still has it.",
                request: "AuthEmailVerify", status: 204, needsToken: false, errors: [.validationError]),
            Route(
                method: .get, path: "/sessions", operationID: "authListSessions", summary: "List sessions",
                description: "The caller's live sessions, newest first.", status: 200, response: "AuthSessionList"),
            Route(
                method: .post, path: "/sessions", operationID: "authCreateSession", summary: "Start another session",
                description: "Starts a new session (a new refresh-token family) for the caller, e.g. for another device.",
                request: "AuthSessionCreate", requestOptional: true, status: 201, response: "AuthTokens",
                errors: [.validationError]),
            Route(
                method: .delete, path: "/sessions", operationID: "authRevokeOtherSessions", summary: "End every other session",
                description: "Ends every session of the caller except the current one.", status: 200, response: "AuthRevokedCount"),
            Route(
                method: .patch, path: "/sessions/{id}", operationID: "authExtendSession", summary: "Extend a session",
                description: "Moves the end of one of the caller's live sessions.", request: "AuthSessionExtend", status: 200,
                response: "AuthSession", errors: [.notFound, .validationError]),
            Route(
                method: .delete, path: "/sessions/{id}", operationID: "authRevokeSession", summary: "End a session",
                description: "Ends one of the caller's sessions; its tokens stop working at once.", status: 204,
                errors: [.notFound]),
        ]
        routes += organizationRoutes()
        routes += organizationBindingRoutes()
        if auth.apiKeys != nil {
            routes += [
                Route(
                    method: .get, path: "/api-keys", operationID: "authListAPIKeys", summary: "List API keys",
                    description: "The caller's keys that are not revoked: prefix and last four characters, never the key.",
                    status: 200, response: "AuthAPIKeyList"),
                Route(
                    method: .post, path: "/api-keys", operationID: "authCreateAPIKey", summary: "Create an API key",
                    description: "Creates a key; the answer holds the key, shown this once. Its scopes cannot exceed the caller's (403).",
                    request: "AuthAPIKeyCreate", status: 201, response: "AuthAPIKey", errors: [.validationError]),
                Route(
                    method: .delete, path: "/api-keys/{id}", operationID: "authRevokeAPIKey", summary: "Revoke an API key",
                    description: "The key stops working at once.", status: 204, errors: [.notFound]),
                Route(
                    method: .post, path: "/api-keys/{id}/rotate", operationID: "authRotateAPIKey", summary: "Rotate an API key",
                    description: "Creates a key with the same name, environment, scopes, allowlist and expiry; the old key "
                        + "stops working at once or after `grace_seconds`.",
                    request: "AuthAPIKeyRotate", requestOptional: true, status: 201, response: "AuthAPIKey",
                    errors: [.notFound, .validationError]),
            ]
        }
        return routes.map(documented) + oauthRoutes()
    }

    private func organizationRoutes() -> [Route] {
        [
            Route(
                method: .post, path: "/organizations", operationID: "authCreateOrganization", summary: "Create an organization",
                description: "The caller becomes its owner. 409 when the slug is taken.", request: "AuthOrganizationCreate",
                status: 201, response: "AuthOrganization", errors: [.conflict, .validationError]),
            Route(
                method: .get, path: "/organizations", operationID: "authListOrganizations", summary: "List my organizations",
                description: "The caller's organizations with the caller's role in each.", status: 200, response: "AuthOrganizationList"),
            Route(
                method: .get, path: "/organizations/{id}", operationID: "authGetOrganization", summary: "Get an organization",
                description: "For members; anyone else gets 404.", status: 200, response: "AuthOrganization", errors: [.notFound]),
            Route(
                method: .patch, path: "/organizations/{id}", operationID: "authRenameOrganization", summary: "Rename an organization",
                description: "Needs the `organization:update` ability of the caller's organization role (owners always have it; 403 otherwise).", request: "AuthOrganizationUpdate", status: 200,
                response: "AuthOrganization", errors: [.notFound, .validationError]),
            Route(
                method: .get, path: "/organizations/{id}/members", operationID: "authListMembers", summary: "List members",
                description: "Every member with their role.", status: 200, response: "AuthMemberList", errors: [.notFound]),
            Route(
                method: .put, path: "/organizations/{id}/members/{user_id}/role", operationID: "authChangeMemberRole",
                summary: "Change a member's role",
                description: "Owners only. 409 when it would leave the organization without an owner.", request: "AuthMemberRole",
                status: 204, errors: [.notFound, .conflict, .validationError]),
            Route(
                method: .delete, path: "/organizations/{id}/members/{user_id}", operationID: "authRemoveMember", summary: "Remove a member",
                description: "Needs `organization:members` to remove another member (only owners remove owners); anyone may leave. 409 for the last owner.",
                status: 204, errors: [.notFound, .conflict]),
            Route(
                method: .post, path: "/organizations/{id}/invitations", operationID: "authInvite", summary: "Invite someone",
                description: "Needs `organization:invite` (only owners invite owners). The single-use token (7 days) goes to the address by mail.",
                request: "AuthInvitationCreate", status: 201, response: "AuthInvitation", errors: [.notFound, .validationError]),
            Route(
                method: .get, path: "/organizations/{id}/invitations", operationID: "authListInvitations", summary: "List pending invitations",
                description: "Needs `organization:invite`.", status: 200, response: "AuthInvitationList", errors: [.notFound]),
            Route(
                method: .delete, path: "/organizations/{id}/invitations/{invitation_id}", operationID: "authRevokeInvitation",
                summary: "Revoke an invitation", description: "Needs `organization:invite`; its token stops working.", status: 204,
                errors: [.notFound]),
            Route(
                method: .post, path: "/invitations/accept", operationID: "authAcceptInvitation", summary: "Accept an invitation",
                description: "The caller, signed in with the invited address (403 otherwise), joins with the invited role. "
                    + "An invalid, expired, revoked or used token is 422 naming `token`; 409 when already a member.",
                request: "AuthInvitationAccept", status: 200, response: "AuthOrganization", errors: [.conflict, .validationError]),
        ]
    }

    private func documented(_ route: Route) -> DocumentedRoute {
        var errors = route.errors + [.internalError, .serviceUnavailable]
        var body: OpenAPI.Request?
        if let request = route.request {
            errors += [.badRequest, .payloadTooLarge, .unsupportedMediaType]
            let content = OpenAPI.Content(schemaReference: .component(named: request))
            body = OpenAPI.Request(
                description: route.requestOptional ? "Optional; an empty body takes the defaults." : "The request.",
                content: [.json: .content(content)], required: !route.requestOptional)
        }
        let success = route.response.map { ResponseFactory.json("Success.", schema: SchemaFactory.reference($0)) }
            ?? ResponseFactory.empty("Done.")
        var responses = ResponseFactory.map(success: [(route.status, success)], errors: Array(Set(errors)))
        var authErrors = route.authErrors
        if route.needsToken { authErrors += ["Unauthorized", "Forbidden"] }
        for name in Set(authErrors).sorted() {
            responses[.status(code: Self.status(of: name))] = .reference(.component(named: name))
        }
        var parameters: OpenAPI.Parameter.Array = []
        for name in ["id", "user_id", "invitation_id", "project_id"] where route.path.contains("{\(name)}") {
            let description = name == "id" ? "Id of the session, key or organization." : "Id of the \(name.dropLast(3).replacingOccurrences(of: "_", with: " "))."
            parameters.append(.parameter(OpenAPI.Parameter(
                name: name, context: .path(schema: SchemaFactory.string(description, format: .uuid)), description: description)))
        }
        var security: [OpenAPI.SecurityRequirement]?
        if route.needsToken {
            security = [[.component(named: AuthSchemas.bearerScheme): []]]
            if route.acceptsAPIKey, auth.apiKeys != nil { security?.append([.component(named: AuthSchemas.apiKeyScheme): []]) }
            if auth.cookies != nil { security?.append([.component(named: AuthSchemas.cookieScheme): []]) }
        } else if route.takesProjectKey, auth.apiKeys != nil {
            security = [[:], [.component(named: AuthSchemas.apiKeyScheme): []]]
        }
        let operation = OpenAPI.Operation(
            tags: [Self.tag], summary: route.summary, description: route.description, operationId: route.operationID,
            parameters: parameters, requestBody: body, responses: responses, security: security)
        let path = context.config.basePath + auth.path + route.path
        return DocumentedRoute(path: path, method: route.method, operation: operation, file: context.config.file)
    }

    private static func status(of response: String) -> Int {
        switch response {
        case "Unauthorized": return 401
        case "Forbidden": return 403
        default: return 429
        }
    }
}
