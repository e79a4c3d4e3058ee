/// Sign-in through OAuth providers, when the app declares them.
extension AuthContract {
    /// The start and callback routes; none without `auth.oauth`.
    var oauthRoutes: [ContractRoute<AuthOperation>] {
        guard let oauth = options.oauth else { return [] }
        let provider = ContractParameter(
            "provider", in: .path, .enumeration(oauth.providers),
            "The provider: \(oauth.providers.joined(separator: ", ")). One whose client id or secret variable is unset answers 404."
        ).enumerated(as: "OAuthProvider")
        let allowlist = oauth.redirectAllowlist.isEmpty ? "empty for this app" : oauth.redirectAllowlist.joined(separator: ", ")
        let redirectTo = ContractParameter(
            "redirect_to", in: .query, .uri,
            "Where the browser goes once signed in: exactly one of `auth.oauth.redirectAllowlist` (\(allowlist)). "
                + "Needs cookie mode; tokens are never put in a URL. Anything else is 400.")
        let callbackQuery = [
            ContractParameter("code", in: .query, .string(maxLength: nil), "The authorization code."),
            ContractParameter("state", in: .query, .string(maxLength: nil), "The state the start route sent."),
            ContractParameter("error", in: .query, .string(maxLength: nil), "The provider's error code when the user did not authorize (400 `OAUTH_DENIED`)."),
        ]
        return [
            ContractRoute(
                .oauthStart, .get, "/oauth/{provider}", summary: "Start an OAuth sign-in",
                description: "Records a single-use `state` and PKCE verifier (valid \(oauth.stateSeconds) s) and redirects to the provider. "
                    + "With a project's API key in `X-API-Key` the sign-in belongs to that project: the state remembers it and the "
                    + "callback signs in, links or creates an end user of that project only (never an app-level account, never "
                    + "another project's). An invalid key or one bound to no project is 401.",
                responses: [
                    ContractResponse(
                        302, .redirect,
                        "Redirect to the provider's authorization page with `state`, `code_challenge` and `code_challenge_method=S256`."),
                ],
                credentials: .optionalProjectKey, errors: [.badRequest, .notFound, .unauthorized], implied: ContractError.serverErrors,
                parameters: [provider, redirectTo]),
            ContractRoute(
                .oauthCallback, .get, "/oauth/{provider}/callback", summary: "Finish an OAuth sign-in",
                description: "The provider redirects here. The `state` is used up (400 `OAUTH_INVALID_STATE` when unknown, used, expired "
                    + "or for another provider), the code is exchanged with the PKCE verifier (400 `OAUTH_CODE_REJECTED` when the provider "
                    + "refuses it), and the user info decides the account: an existing link; else the account with the same email, only when "
                    + "the provider says the address is verified (409 `OAUTH_EMAIL_NOT_VERIFIED` otherwise); else a new account (201). "
                    + "Banned or inactive accounts get 403. A sign-in started with a project's key stays in that project: links, "
                    + "accounts and the new account are the project's end users, and the session is bound to the project (`org`, "
                    + "`prj`); a callback carrying another project's key is 400 `OAUTH_INVALID_STATE`.",
                responses: sessionStarted(200, "Signed in: the session's tokens, as `/login` answers.")
                    + sessionStarted(201, "A new account was created and signed in.") + [
                        ContractResponse(
                            302, .redirect,
                            "Cookie mode with an allowlisted redirect URL given at the start: the session cookies are set and the browser goes there."),
                    ],
                credentials: .none, errors: [.badRequest, .forbidden, .notFound, .conflict, .validationError, .badGateway, .unauthorized],
                implied: ContractError.serverErrors, parameters: [provider] + callbackQuery),
        ]
    }
}
