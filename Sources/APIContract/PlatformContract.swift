/// The platform route family: every route of `auth.platformAdmins`, served by `Auth` and
/// documented by the OpenAPI builder from this one list.
public struct PlatformContract: Sendable {
    /// Page sizes of the list routes: 20 rows unless asked, at most 100.
    public static let page = ContractPageSize(defaultLimit: 20, maximumLimit: 100)
    /// Longest text filter of the list routes.
    public static let maximumFilterLength = 254

    /// The app's auth facts.
    public let options: AuthContractOptions
    /// The request bodies.
    public let bodies: PlatformRequestBodies

    /// Creates the family of an app.
    public init(options: AuthContractOptions) {
        self.options = options
        self.bodies = PlatformRequestBodies(options: options)
    }

    /// `limit` and `offset` of the list routes.
    public static let pageParameters = page.parameters("Rows")

    /// Every route, in registration order, laid out (see `AuthContract.routes`); none when the
    /// app has no platform admins.
    public var routes: [ContractRoute<PlatformOperation>] {
        guard let platform = options.platformAdmins else { return [] }
        var layout = platform.layout
        layout.naming = options.layout.naming
        return layout.apply(declaredRoutes)
    }

    /// Every route as declared here, paths relative to the prefix; none without platform admins.
    public var declaredRoutes: [ContractRoute<PlatformOperation>] {
        guard let platform = options.platformAdmins else { return [] }
        let text = ContractParameter.Kind.string(maxLength: Self.maximumFilterLength)
        return [
            route(
                .login, .post, "/auth/login", summary: "Platform admin login",
                description: "Starts a platform session. Platform tokens work only on these routes; app tokens never work here. "
                    + "Failures are throttled like app logins (429).",
                request: bodies.login, responses: Self.json(200, "PlatformTokens"), credentials: .none,
                errors: [.unauthorized, .validationError, .tooManyRequests]),
            route(
                .refresh, .post, "/auth/refresh", summary: "Refresh platform tokens",
                description: "Exchanges the latest refresh token for new tokens; a reused refresh token revokes the platform session.",
                request: bodies.refresh, responses: Self.json(200, "PlatformTokens"), credentials: .none,
                errors: [.unauthorized, .validationError]),
            route(
                .logout, .post, "/auth/logout", summary: "Platform admin logout",
                description: "Ends the platform session of the token: its access and refresh tokens stop working at once.",
                responses: [ContractResponse(204, .empty, "The session is over.")]),
            route(
                .getMe, .get, "/admin/me", summary: "The calling admin", description: "The platform admin of the token.",
                responses: Self.json(200, "PlatformAdmin")),
            route(
                .updateMe, .patch, "/admin/me", summary: "Update the calling admin",
                description: "Changes name, email and/or password (with `current_password`, 403 when wrong; other platform sessions end). "
                    + "409 when the email is taken.",
                request: bodies.updateMe, responses: Self.json(200, "PlatformAdmin"), errors: [.forbidden, .conflict, .validationError]),
            route(
                .createAdmin, .post, "/admin", summary: "Create a platform admin",
                description: "409 when an admin has the email. The first admin is created with `loom-server create-admin`.",
                request: bodies.createAdmin, responses: Self.json(201, "PlatformAdmin"), errors: [.conflict, .validationError]),
            route(
                .deactivateAdmin, .delete, "/admin/{id}", summary: "Deactivate a platform admin",
                description: "The admin's platform and impersonation tokens stop working at once. 409 for oneself or the last active admin.",
                responses: [ContractResponse(204, .empty, "Done.")], errors: [.notFound, .conflict]),
            route(
                .listOrganizations, .get, "/admin/organizations", summary: "List organizations",
                description: "Every organization, by name, with its member count. A malformed, out-of-range or unknown query "
                    + "parameter is 400 naming it.", responses: Self.json(200, "PlatformOrganizationPage"),
                errors: [.badRequest],
                query: Self.pageParameters + [ContractParameter("search", in: .query, text, "Part of the name or slug, ignoring case.")]),
            route(
                .getOrganization, .get, "/admin/organizations/{id}", summary: "Get an organization",
                description: "The organization and its members.", responses: Self.json(200, "PlatformOrganizationDetail"),
                errors: [.notFound]),
            route(
                .impersonate, .post, "/admin/organizations/{id}/impersonate", summary: "Impersonate an organization",
                description: "A short-lived (\(platform.impersonationSeconds) s) app access token bound to the organization (`org`), "
                    + "acting as its first owner and naming the admin (`act`). It cannot be refreshed, cannot manage the owner's "
                    + "account, sessions or keys, dies when the admin is deactivated, and its issuance and every unsafe request "
                    + "made with it are audited. 409 when the organization has no active owner.",
                responses: Self.json(201, "PlatformImpersonation"), errors: [.notFound, .conflict]),
            route(
                .listEndUsers, .get, "/admin/end-users", summary: "List end users",
                description: "Every account (app-level accounts and the end users of projects), newest first. A malformed, "
                    + "out-of-range or unknown query parameter is 400 naming it.",
                responses: Self.json(200, "PlatformEndUserPage"), errors: [.badRequest],
                query: Self.pageParameters + [
                    ContractParameter("email", in: .query, text, "Part of the email address, ignoring case."),
                    ContractParameter("organization_id", in: .query, .id(.organization, prefix: nil), "Only members of this organization."),
                    ContractParameter("project_id", in: .query, .id(.project, prefix: nil), "Only end users of this project."),
                ]),
            route(
                .banEndUser, .post, "/admin/end-users/{id}/ban", summary: "Ban an end user",
                description: "From this request on, the account's access tokens, refresh tokens, sessions and API keys are refused "
                    + "and it cannot log in; its sessions are revoked.",
                responses: Self.json(200, "PlatformEndUser"), errors: [.notFound]),
            route(
                .unbanEndUser, .post, "/admin/end-users/{id}/unban", summary: "Unban an end user",
                description: "The account may log in again; its API keys work again.", responses: Self.json(200, "PlatformEndUser"),
                errors: [.notFound]),
        ]
    }

    /// A platform route: it answers 500 and 503 like every route that uses the database, and
    /// needs a platform token unless it says otherwise.
    private func route(
        _ operation: PlatformOperation, _ method: ContractMethod, _ path: String, summary: String, description: String,
        request: ContractBody? = nil, responses: [ContractResponse], credentials: ContractCredentials = .platformToken,
        errors: Set<ContractError> = [], query: [ContractParameter] = []
    ) -> ContractRoute<PlatformOperation> {
        // `/admin/organizations/{id}`: an organization; `/admin/end-users/{id}`: a user; `/admin/{id}`: an admin (a UUID).
        let ids = ContractParameter.resourceIDs(in: path) { name in ContractParameter(name, in: .path, .uuid, "Id of the admin.") }
        return ContractRoute(
            operation, method, path, summary: summary, description: description, request: request, responses: responses,
            credentials: credentials, errors: errors, implied: ContractError.serverErrors,
            parameters: ids + query)
    }

    private static func json(_ status: Int, _ schema: String) -> [ContractResponse] {
        [ContractResponse(status, .json(schema), "Success.")]
    }
}
