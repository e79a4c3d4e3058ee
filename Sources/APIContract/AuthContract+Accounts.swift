/// Accounts (sign-up, login, tokens, profile, password and email recovery) and sessions.
extension AuthContract {
    /// `POST /signup`: tokens and 409 for a taken email, or (`signupAnswersAccepted`) 202 either way.
    private var signupRoute: ContractRoute<AuthOperation> {
        let organization = "With `organization_name` and `organization_slug` it also creates an organization owned by the account"
        let endUsers = "With a project's API key in `X-API-Key` the account is an end user of that project (the email is unique "
            + "per project, so the same address can also be an app-level account or an end user of another project)"
        if options.signupAnswersAccepted {
            return route(
                .signup, .post, "/signup", summary: "Create an account",
                description: "Answers 202 with no body whether or not the email already has an account, so sign-up reveals "
                    + "no address. A new account gets the default role and a verification token by mail (valid for a day, for "
                    + "`POST verifyEmail`), then logs in; an address that already has an account gets a notice instead, and "
                    + "nothing changes. \(organization) (409 naming `organization_slug` when the slug is taken). \(endUsers); "
                    + "an invalid key or one bound to no project is 401. Mails are limited per address and per client (429).",
                request: bodies.signup, responses: Self.done(202), credentials: .optionalProjectKey,
                errors: [.conflict, .validationError, .unauthorized, .tooManyRequests])
        }
        return route(
            .signup, .post, "/signup", summary: "Create an account",
            description: "Creates an account with the default role and starts its first session. 409 when the email is taken. "
                + "\(organization) and binds the session to it (409 naming `organization_slug` when taken). \(endUsers) and its "
                + "tokens carry `org` and `prj`; an invalid key or one bound to no project is 401.",
            request: bodies.signup, responses: sessionStarted(201), credentials: .optionalProjectKey,
            errors: [.conflict, .validationError, .unauthorized])
    }

    /// `POST /register`, only where the app declares it (`auth.routes.register`): sign-up of a
    /// person alone, `{email, password, name}`, for an app whose `signup` is spelled for
    /// something else (an organization and its owner). An app chooses it knowingly: it is a
    /// second way in, with its own spelling, and most apps need only `signup`.
    private var registerRoutes: [ContractRoute<AuthOperation>] {
        guard options.layout.routes[AuthOperation.register.routeKey] != nil else { return [] }
        let endUsers = "With a project's API key in `X-API-Key` the account is an end user of that project (the email is unique "
            + "per project); without one it is an app-level account. An invalid key or one bound to no project is 401"
        if options.signupAnswersAccepted {
            return [
                route(
                    .register, .post, "/register", summary: "Register a user",
                    description: "Sign-up with the person's own members only (`email`, `password`, `name`): answers 202 with no "
                        + "body whether or not the email already has an account, like `signup`. \(endUsers).",
                    request: bodies.register, responses: Self.done(202), credentials: .optionalProjectKey,
                    errors: [.validationError, .unauthorized, .tooManyRequests]),
            ]
        }
        return [
            route(
                .register, .post, "/register", summary: "Register a user",
                description: "Creates an account with the person's own members only (`email`, `password`, `name`; no "
                    + "organization) and the default role, and starts its first session. 409 when the email is taken. "
                    + "\(endUsers); an end user's tokens carry `org` and `prj`.",
                request: bodies.register, responses: sessionStarted(201), credentials: .optionalProjectKey,
                errors: [.conflict, .validationError, .unauthorized]),
        ]
    }

    /// `GET /session`, only where the app declares it (`auth.routes.currentSession`): the
    /// caller's session and its account in one answer (Better Auth's `get-session`), for a
    /// client that shows who is signed in and until when.
    private var currentSessionRoutes: [ContractRoute<AuthOperation>] {
        guard options.layout.routes[AuthOperation.currentSession.routeKey] != nil else { return [] }
        return [
            route(
                .currentSession, .get, "/session", summary: "The current session and its account",
                description: "The session the access token (or session cookie) belongs to, with when it started, was last "
                    + "refreshed and ends, and the signed-in account.",
                responses: Self.json(200, AuthContract.currentSessionSchema)),
        ]
    }

    /// `GET /csrf-token`: the CSRF token of the caller's session, for a page that cannot read the
    /// `loom_csrf` cookie (stationthis's `GET /api/v1/csrf-token`). Served only in cookie mode and
    /// where `auth.routes.csrfToken` declares it, like `joinOrganization`.
    private var csrfTokenRoutes: [ContractRoute<AuthOperation>] {
        guard options.cookieMode, options.layout.routes[AuthOperation.csrfToken.routeKey] != nil else { return [] }
        return [
            route(
                .csrfToken, .get, "/csrf-token", summary: "The session's CSRF token",
                description: "The value unsafe requests authenticated by the session's cookie must send in `X-CSRF-Token` "
                    + "(the same value as the `loom_csrf` cookie: an HMAC of the session id, so it belongs to this session only).",
                responses: Self.json(200, "AuthCSRFToken"))
        ]
    }

    /// Sign-up, login, refresh, logout, identity, profile, password and email routes.
    var accountRoutes: [ContractRoute<AuthOperation>] {
        csrfTokenRoutes + [signupRoute] + registerRoutes + currentSessionRoutes + [
            route(
                .login, .post, "/login", summary: "Log in",
                description: "Starts a session. A wrong email or password is 401 and takes as long either way; after "
                    + "\(options.maxLoginFailures) failures the email is locked for \(options.lockoutSeconds) seconds (429). "
                    + "With a project's API key in `X-API-Key` only that project's end users are found (their session is bound "
                    + "to the project: `org`, `prj`); without one, only app-level accounts. With `organization_id` the "
                    + "session is bound to that organization: 404 unless the account is a member.",
                request: bodies.login, responses: sessionStarted(200), credentials: .optionalProjectKey,
                errors: [.validationError, .unauthorized, .notFound, .tooManyRequests]),
            route(
                .refresh, .post, "/refresh", summary: "Refresh tokens",
                description: "Exchanges the session's latest refresh token for a new access token and the next refresh token. "
                    + "A refresh token is accepted once: presenting a used one revokes the whole session. In cookie mode the "
                    + "token may come from the `loom_refresh` cookie, and then `X-CSRF-Token` must echo `loom_csrf` (403 otherwise).",
                request: bodies.refresh, responses: sessionStarted(200), credentials: .none,
                errors: [.validationError, .unauthorized, .forbidden]),
            route(
                .logout, .post, "/logout", summary: "Log out",
                description: "Ends the current session; its access and refresh tokens stop working at once.", responses: Self.done()),
            route(
                .identity, .get, "/identity", summary: "Who is calling",
                description: "What the credentials identify: a user's access token or an API key, and the scopes it holds.",
                responses: Self.json(200, "AuthIdentity"), credentials: .userTokenOrKey),
            route(
                .getProfile, .get, "/me", summary: "The caller's account", description: "The account of the access token's user.",
                responses: Self.json(200, "AuthUser")),
            route(
                .updateProfile, .patch, "/me", summary: "Change name or email",
                description: "Changes the caller's name and/or email. 409 when the email is taken.",
                request: bodies.updateProfile, responses: Self.json(200, "AuthUser"), errors: [.conflict, .validationError]),
            route(
                .changePassword, .post, "/me/password", summary: "Change password",
                description: "Checks `current_password` (403 when wrong; failures count towards the login lock) and "
                    + "sets `new_password`; every other session of the account ends.",
                request: bodies.changePassword, responses: Self.done(), errors: [.validationError, .tooManyRequests]),
            route(
                .forgotPassword, .post, "/password/forgot", summary: "Ask for a password reset",
                description: "Answers 202 whether or not the email has an account; an active account gets a reset token "
                    + "by mail, valid for an hour and usable once.",
                request: bodies.forgotPassword, responses: Self.done(202), credentials: .none, errors: [.validationError, .tooManyRequests]),
            route(
                .resetPassword, .post, "/password/reset", summary: "Reset the password",
                description: "Sets `new_password` with a reset token from the mail; every session of the account ends. "
                    + "An unknown, expired or used token is 422 naming `token`.",
                request: bodies.resetPassword, responses: Self.done(), credentials: .none, errors: [.validationError]),
            route(
                .requestEmailVerification, .post, "/email/verification", summary: "Send an email verification token",
                description: "Mails a verification token (valid for a day) to the caller's address: 202; 204 when it is already "
                    + "verified; 502 when the mail cannot be sent.",
                responses: [
                    ContractResponse(202, .empty, "The token was mailed."),
                    ContractResponse(204, .empty, "The address is already verified; nothing was sent."),
                ],
                errors: [.badGateway, .tooManyRequests]),
            route(
                .verifyEmail, .post, "/email/verify", summary: "Verify the email address",
                description: "Marks the address the token was sent to as verified, if the account still has it.",
                request: bodies.verifyEmail, responses: Self.done(), credentials: .none, errors: [.validationError]),
        ]
    }

    /// The caller's sessions.
    var sessionRoutes: [ContractRoute<AuthOperation>] {
        [
            route(
                .listSessions, .get, "/sessions", summary: "List sessions", description: "The caller's live sessions, newest first.",
                responses: Self.json(200, "AuthSessionList")),
            route(
                .createSession, .post, "/sessions", summary: "Start another session",
                description: "Starts a new session (a new refresh-token family) for the caller, e.g. for another device.",
                request: bodies.createSession, requestOptional: true, responses: sessionStarted(201), errors: [.validationError]),
            route(
                .revokeOtherSessions, .delete, "/sessions", summary: "End every other session",
                description: "Ends every session of the caller except the current one.", responses: Self.json(200, "AuthRevokedCount")),
            route(
                .extendSession, .patch, "/sessions/{id}", summary: "Extend a session",
                description: "Moves the end of one of the caller's live sessions.", request: bodies.extendSession,
                responses: Self.json(200, "AuthSession"), errors: [.notFound, .validationError]),
            route(
                .revokeSession, .delete, "/sessions/{id}", summary: "End a session",
                description: "Ends one of the caller's sessions; its tokens stop working at once.", responses: Self.done(),
                errors: [.notFound]),
        ]
    }
}
