import APIContract
import Foundation
import Hummingbird
import NIOCore
import Runtime
import ValueFormats

/// Sign-up, login, refresh, logout, profile and password.
extension AuthRoutes {
    /// `POST /signup` → 201 with the account and its first tokens; 409 when the email is taken
    /// (or, when the app answers `accepted`, 202 either way: `signupAccepted`).
    /// With `organization_name` and `organization_slug` it also creates an organization owned
    /// by the new account and binds the session to it (see `signupOrganization`).
    ///
    /// `POST /register` (`auth.routes.register`) is the same sign-up with `bodies.register`,
    /// whose members are the person's only: it never creates an organization.
    func signup(_ request: Request, _ context: LoomRequestContext, as declaration: ContractBody) async throws -> Response {
        let body = try await decodeBody(request, declaration)
        let project = try presentedProject(request, context)
        let email = UserRecord.normalized(email: try body.string("email"))
        let password = try body.string("password")
        try service.passwords.check(password, field: "password")
        if service.settings.signupAnswersAccepted {
            // Every accepted sign-up sends a mail (a token or a notice): counted like the others.
            try await MailQuota.reserve(
                recipient: email, clientAddress: clientAddresses.clientAddress(of: request, context: context), throttle: service.throttle,
                now: service.clock())
        }
        let hash = try await service.passwords.hash(password)
        let now = service.clock()
        let user = UserRecord(
            id: UUID(), email: email, name: try body.string("name"), passwordHash: hash, role: service.settings.defaultRole, now: now,
            projectID: project?.projectID)
        let organization: (statements: [SQLStatement], binding: SessionBinding) =
            try declaration.declares("organization_name") ? signupOrganization(body, owner: user.id, now: now) : ([], .none)
        if project != nil, !organization.statements.isEmpty {
            throw APIError.validation([.init(field: "organization_name", message: "is not accepted with a project key: end users create no organization")])
        }
        if service.settings.signupAnswersAccepted {
            return try await signupAccepted(user, organization: organization, project: project?.projectID, context: context, now: now)
        }
        do {
            let tokens = try await startSession(
                for: user, expiresAt: nil, leading: [users.insert(user)] + organization.statements, action: "signup", request: request,
                context: context, now: now, binding: project ?? organization.binding)
            return tokenResponse(tokens, status: .created, now: now, request: request)
        } catch let error as DatabaseError {
            throw try await signupConflict(error, email: email, organization: organization.binding)
        }
    }

    /// `POST /login` → 200 with tokens; 401 for a wrong email or password (equal time either
    /// way); 429 once the email has failed too often. With `organization_id` (and `project_id`)
    /// the session is bound to that organization (404 unless a member). With a project's key
    /// in `X-API-Key` only that project's end users are found (and app-level accounts never).
    func login(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        let body = try await decodeBody(request, bodies.login)
        let project = try presentedProject(request, context)
        let email = UserRecord.normalized(email: try body.string("email"))
        let password = try body.string("password")
        let subject = project?.projectID.map { EndUsers.throttleSubject(email: email, project: $0) } ?? LoginThrottle.subject(email: email)
        let attempt = try await LoginAttempt.reserve(
            subject, clientAddress: clientAddresses.clientAddress(of: request, context: context), throttle: service.throttle, now: service.clock())
        let user = try await users.find(email: email, project: project?.projectID)
        let matches = try await service.passwords.verify(password, hash: user?.passwordHash)
        let now = service.clock()
        guard matches, let user, user.status == UserRecord.active else {
            _ = try await service.database.write(attempt.failureStatements(service.throttle, now: now) + [
                audit.event(
                    "login_failed", actor: user?.idText, target: nil, detail: ["email": email],
                    ipAddress: RequestClientAddress.of(context), now: now),
            ])
            throw APIError.invalidCredentials("The email or password is wrong.")
        }
        let binding = try await loginBinding(body, user: user, project: project, now: now)
        let tokens = try await startSession(
            for: user, expiresAt: nil, leading: attempt.successStatements(service.throttle), action: "login", request: request,
            context: context, now: now, binding: binding)
        return tokenResponse(tokens, status: .ok, now: now, request: request)
    }

    /// `POST /refresh` → 200 with a new access token and the next refresh token. A token used
    /// before (a stolen copy racing the owner) revokes the whole session.
    func refresh(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        let body = try await decodeBody(request, bodies.refresh)
        let (text, byCookie) = try refreshTokenText(body, request)
        let now = service.clock()
        let (presented, next) = try await RefreshRotation(sessions: sessions, audit: audit, tokenSeconds: refreshTokenLifetime)
            .rotate(try await presentedRefreshToken(text, now: now), now: now, ipAddress: RequestClientAddress.of(context)) { session in
                // A refresh cookie acts only with the CSRF token of its own session.
                if byCookie, let cookies = service.cookies, !cookies.passesCSRF(request, session: session) {
                    throw SessionCookies.csrfFailure
                }
            }
        let userID = ValueFormats.lowercaseText(of: presented.userID)
        let access = try await service.tokens.issue(
            userID: userID, sessionID: ValueFormats.lowercaseText(of: presented.sessionID), now: now,
            sessionExpiresAt: presented.sessionExpiresAt, binding: presented.binding)
        let response = TokenResponse(
            accessToken: access.token, expiresIn: access.expiresIn,
            refreshToken: try await wireRefreshToken(next, userID: userID, sessionID: presented.sessionID, now: now, expires: presented.sessionExpiresAt),
            sessionID: presented.sessionID, sessionExpiresAt: presented.sessionExpiresAt, user: nil)
        return tokenResponse(response, status: .ok, now: now, request: request)
    }

    /// The refresh token from the body, else (cookie mode) from the `loom_refresh` cookie, and
    /// whether it came as a cookie (then the CSRF check of its session applies); 401 when there
    /// is neither (no credential was presented, as on any route that needs one; the body itself
    /// is valid, since `refresh_token` may come as a cookie).
    private func refreshTokenText(_ body: ContractInput, _ request: Request) throws -> (text: String, byCookie: Bool) {
        if let text = try body.optionalString("refresh_token") { return (text, false) }
        if service.cookies != nil, let text = request.cookies[SessionCookies.refresh]?.value, !text.isEmpty {
            return (text, true)
        }
        var missing = APIError.unauthenticated
        missing.detail = "Send the refresh token as refresh_token (or, in cookie mode, the loom_refresh cookie)."
        throw missing
    }

    /// A token answer; in cookie mode it also sets the session cookies, and a browser's request
    /// (`SessionCookies.keepsTokensOutOfBody`) gets no token in the body: a script injected into
    /// the page could read the body, never the httpOnly cookies.
    func tokenResponse(_ tokens: TokenResponse, status: HTTPResponse.Status, now: Date, request: Request) -> Response {
        var members = tokenMembers
        if let cookies = service.cookies, cookies.keepsTokensOutOfBody(request) {
            members.subtract(SessionCookies.tokenMembers)
        }
        var response = answer(status: status, value: TokenAnswer(tokens: tokens, members: members))
        service.cookies?.set(tokens, now: now, on: &response)
        return response
    }

    /// `POST /logout` → 204; the current session and its refresh tokens stop working.
    func logout(_ context: LoomRequestContext) async throws -> Response {
        let caller = try requireCaller(context, allowingEndUsers: true)
        guard let sessionID = caller.sessionID else { throw APIError.invalidCredentials() }
        let now = service.clock()
        _ = try await service.database.write([
            sessions.revoke(id: sessionID, userID: caller.userID, reason: "logout", now: now),
            audit.event(
                "logout", actor: caller.identity.subject, target: ValueFormats.lowercaseText(of: sessionID),
                ipAddress: RequestClientAddress.of(context), now: now),
        ])
        var response = Response(status: .noContent)
        service.cookies?.clear(on: &response)
        return response
    }

    /// `GET /identity` → who the credentials identify (a user's token or an API key) and their scopes.
    func identity(_ context: LoomRequestContext) throws -> Response {
        answer(status: .ok, value: IdentityResponse(identity: try context.requireIdentity()))
    }

    /// `GET /csrf-token` (cookie mode) → the CSRF token of the caller's session.
    func csrfToken(_ context: LoomRequestContext) throws -> Response {
        let caller = try requireCaller(context, allowingEndUsers: true)
        guard let cookies = service.cookies, let session = caller.sessionID else { throw APIError.invalidCredentials() }
        return answer(status: .ok, value: CSRFTokenAnswer(token: cookies.csrfToken(session: session)))
    }

    /// `GET /me` → the caller's account.
    func me(_ context: LoomRequestContext) async throws -> Response {
        let caller = try requireCaller(context, allowingEndUsers: true)
        guard let user = try await users.find(id: caller.userID) else { throw APIError.invalidCredentials() }
        return answer(status: .ok, value: UserResponse(user: user))
    }

    /// `PATCH /me` → 200 with the account after changing `name` and/or `email`; 409 when the email is taken.
    func updateMe(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        let caller = try requireCaller(context, allowingEndUsers: true)
        let body = try await decodeBody(request, bodies.updateProfile)
        guard var user = try await users.find(id: caller.userID) else { throw APIError.invalidCredentials() }
        if let name = try body.optionalString("name") { user.name = name }
        if let email = try body.optionalString("email").map(UserRecord.normalized(email:)), email != user.email {
            user.email = email
            user.emailVerifiedAt = nil
        }
        let now = service.clock()
        user.updatedAt = now
        do {
            _ = try await service.database.write([
                users.updateProfile(id: user.id, name: user.name, email: user.email, now: now),
                audit.event("profile_updated", actor: user.idText, target: user.idText, ipAddress: RequestClientAddress.of(context), now: now),
            ])
        } catch let error as DatabaseError {
            throw Self.emailConflict(error)
        }
        return answer(status: .ok, value: UserResponse(user: user))
    }

    /// `POST /me/password` → 204 after checking the current password (throttled like logins);
    /// every other session of the account is revoked.
    func changePassword(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        let caller = try requireCaller(context, allowingEndUsers: true)
        let body = try await decodeBody(request, bodies.changePassword)
        let current = try body.string("current_password")
        let replacement = try body.string("new_password")
        try service.passwords.check(replacement, field: "new_password")
        guard let user = try await users.find(id: caller.userID) else { throw APIError.invalidCredentials() }
        let subject = LoginThrottle.subject(email: user.email)
        try await service.throttle.reserveAttempt(subject, now: service.clock())
        guard try await service.passwords.verify(current, hash: user.passwordHash) else {
            _ = try await service.database.write(service.throttle.lockStatements(subject, now: service.clock()))
            throw APIError.forbidden("current_password does not match the account's password.")
        }
        let hash = try await service.passwords.hash(replacement)
        let now = service.clock()
        _ = try await service.database.write([
            users.updatePassword(id: user.id, hash: hash, now: now),
            sessions.revokeOthers(userID: user.id, keep: caller.sessionID, reason: "password_changed", now: now),
            service.throttle.clear(subject),
            audit.event("password_changed", actor: user.idText, target: user.idText, ipAddress: RequestClientAddress.of(context), now: now),
        ])
        return Response(status: .noContent)
    }

    /// 409 naming `email` for a unique violation; any other database error unchanged.
    static func emailConflict(_ error: DatabaseError) -> any Error {
        if case .uniqueViolation = error.code {
            return APIError.conflict(
                "An account with this email already exists.",
                fieldErrors: [.init(field: "email", message: "is already registered")])
        }
        return error
    }
}
