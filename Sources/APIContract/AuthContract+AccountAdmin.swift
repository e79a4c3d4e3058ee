// MARK: Account administration (issue 21)
/// The account administration routes (`auth.accountAdmin`): the app's own users holding
/// `manageScope` list, read, re-role, ban and unban the app's accounts.
extension AuthContract {
    /// Name of one account's schema component (the account with its `status`).
    public static let accountSchema = "AuthAccount"
    /// Name of the account list's page schema component (`{items, total, limit, offset}`).
    public static let accountPageSchema = "AuthAccountPage"
    /// The component documenting an app role (`auth.roles`), shared with the account answers.
    public static let appRoleComponent = "AppRole"
    /// The component documenting an account's status, shared by the answers and the list's filter.
    public static let accountStatusComponent = "AccountStatus"
    /// The statuses an account can have and the list filters by.
    public static let accountStatuses = ["active", "banned"]
    /// Longest text filter of the account list.
    public static let maximumAccountFilterLength = 254

    /// The list's filters and page, in the order they are documented; the page takes the app's
    /// page sizes (`limits.defaultPageSize`, `limits.maxPageSize`).
    public func accountListParameters(_ admin: AuthContractOptions.AccountAdmin) -> [ContractParameter] {
        [
            ContractParameter(
                "email", in: .query, .string(maxLength: Self.maximumAccountFilterLength), "Only accounts whose email contains this text, ignoring case."),
            ContractParameter("role", in: .query, .enumeration(admin.roles.map(options.roleSpelling.wire)), "Only accounts with this role.")
                .enumerated(as: Self.appRoleComponent),
            ContractParameter("status", in: .query, .enumeration(Self.accountStatuses), "Only `active` or only `banned` accounts.")
                .enumerated(as: Self.accountStatusComponent),
        ] + admin.page.parameters("Accounts")
    }

    /// The routes; none without `auth.accountAdmin`. They take a user's access token whose
    /// account's role grants `manageScope` and which is bound to no organization.
    var accountAdminRoutes: [ContractRoute<AuthOperation>] {
        guard let admin = options.accountAdmin else { return [] }
        let who = " Needs an access token (not an API key) bound to no organization whose account's role grants the scope "
            + "`\(admin.manageScope)` (403 otherwise). Every change is an auth audit event written in the change's transaction."
        return [
            route(
                .listAccounts, .get, "/users", summary: "List accounts",
                description: "One page of the app's accounts, newest first, with the number of those matching the filters (`total`). "
                    + "A malformed, out-of-range or unknown query parameter is 400 naming it." + who,
                responses: Self.json(200, Self.accountPageSchema), errors: [.badRequest], query: accountListParameters(admin)),
            route(
                .getAccount, .get, "/users/{id}", summary: "Get an account", description: "One account with its role and status." + who,
                responses: Self.json(200, Self.accountSchema), errors: [.notFound]),
            route(
                .changeAccountRole, .patch, "/users/{id}", summary: "Change an account's role",
                description: "Gives the account one of the app's roles; its live tokens carry the new role's scopes from the next "
                    + "request on. A role the app does not declare is refused naming `role`. 409 when the caller changes their own "
                    + "role (an administrator cannot demote themselves)." + who,
                request: bodies.changeAccountRole, responses: Self.json(200, Self.accountSchema), errors: [.notFound, .conflict, .validationError]),
            route(
                .banAccount, .post, "/users/{id}/ban", summary: "Ban an account",
                description: "From this request on, the account's access tokens, refresh tokens, sessions and API keys are refused "
                    + "and logging in fails; its sessions are revoked. 409 when the caller bans themselves." + who,
                responses: Self.json(200, Self.accountSchema), errors: [.notFound, .conflict]),
            route(
                .unbanAccount, .post, "/users/{id}/unban", summary: "Unban an account",
                description: "The account may log in again and its API keys work again; the sessions the ban revoked stay revoked." + who,
                responses: Self.json(200, Self.accountSchema), errors: [.notFound]),
        ]
    }
}

extension AuthRequestBodies {
    /// `PATCH /users/{id}` of account administration: the account's new role, one of `auth.roles`
    /// as the wire spells them (`auth.roleSpelling`).
    public var changeAccountRole: ContractBody {
        let roles = (options.accountAdmin?.roles ?? []).map(options.roleSpelling.wire)
        return ContractBody("AuthAccountRoleChange", [
            ContractField("role", .enumeration(roles), "The account's new role: one of the app's roles.", required: true)
                .enumerated(as: AuthContract.appRoleComponent),
        ])
    }
}
