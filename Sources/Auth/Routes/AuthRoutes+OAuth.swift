import APIContract
import Foundation
import Hummingbird
import NIOCore
import Runtime

/// Sign-in through OAuth 2.0 providers: authorization code with PKCE (S256) and `state`.
extension AuthRoutes {
    var oauthStates: OAuthStateStore { OAuthStateStore(sql: service.sql, database: service.database) }
    var oauthIdentities: OAuthIdentityStore { OAuthIdentityStore(sql: service.sql, database: service.database) }

    /// `GET /oauth/{provider}[?redirect_to=<allowlisted URL>]` (the parameter spelled as the app names it) → 302 to the provider's
    /// authorization page with `state`, `code_challenge` and `code_challenge_method=S256`.
    /// With a project's key in `X-API-Key` the flow belongs to that project: its state
    /// remembers the project, and the callback signs in that project's end users only.
    func startOAuth(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        let provider = try oauthProvider(context)
        let oauth = try requireOAuth()
        let project = try presentedProject(request, context)
        // The query is read through the route's declared parameters, under the names the app's
        // OpenAPI document gives them (`redirectTo` in a camelCase app); unknown names are 400.
        let parameters = contract.routes.first { $0.operation == .oauthStart }?.parameters ?? []
        let query = try ContractQuery(request, parameters: parameters)
        let field = parameters.first { $0.key == "redirect_to" }?.name ?? "redirect_to"
        let redirectTo = query.text("redirect_to")
        if let redirectTo {
            guard oauth.redirectAllowlist.contains(redirectTo) else {
                throw APIError.badRequest(
                    "\(field) is not one of the app's auth.oauth.redirectAllowlist URLs.",
                    fieldErrors: [.init(field: field, message: "is not an allowed redirect")])
            }
            guard service.cookies != nil else {
                throw APIError.badRequest(
                    "\(field) needs cookie mode (auth.cookies): tokens are never put in a URL.",
                    fieldErrors: [.init(field: field, message: "needs cookie mode")])
            }
        }
        let now = service.clock()
        let started = oauthStates.start(
            provider: provider.name, redirectTo: redirectTo, project: project, now: now, lifetimeSeconds: oauth.stateSeconds)
        _ = try await service.database.write(started.statements)
        let location = OAuthQuery.append(
            [
                ("response_type", "code"), ("client_id", provider.clientID), ("redirect_uri", provider.redirectURI),
                ("scope", provider.scopes.joined(separator: " ")), ("state", started.state),
                ("code_challenge", started.codeChallenge), ("code_challenge_method", "S256"),
            ], to: provider.endpoints.authorize)
        return Response(status: .found, headers: [.location: location, .cacheControl: "no-store"])
    }

    /// `GET /oauth/{provider}/callback?code=...&state=...` → the app's session and tokens
    /// (200 JSON like `/login`, 201 for a new account; cookie mode also sets the cookies), or
    /// with a `redirect_to` given at the start, the cookies and a 302 to that page.
    func finishOAuth(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        let provider = try oauthProvider(context)
        let oauth = try requireOAuth()
        let query = request.uri.queryParameters
        let now = service.clock()
        // The state is used up first, whatever follows: an error answer cannot be replayed.
        let pending = try await query.get("state").asyncFlatMap { try await oauthStates.consume(state: $0, provider: provider.name, now: now) }
        if let error = query.get("error") { throw OAuthError.denied(provider: provider.name, reason: error) }
        guard let pending else { throw OAuthError.invalidState }
        // A callback that carries a project's key must carry the key of the flow's own project.
        if let presented = try presentedProject(request, context), presented.projectID != pending.project?.projectID {
            throw OAuthError.invalidState
        }
        guard let code = query.get("code"), !code.isEmpty else { throw OAuthError.missingCode }
        let accessToken = try await oauth.client.exchange(code: code, verifier: pending.codeVerifier, provider: provider)
        let info = try await oauth.client.userInfo(accessToken: accessToken, provider: provider)
        let account = try await oauthAccount(info, provider: provider.name, project: pending.project?.projectID, now: now)
        let tokens: TokenResponse
        do {
            tokens = try await startSession(
                for: account.user, expiresAt: nil, leading: account.statements, action: account.action, request: request,
                context: context, now: now, binding: pending.project ?? .none)
        } catch let error as DatabaseError {
            guard case .uniqueViolation = error.code else { throw error }
            throw APIError.conflict("Another sign-in created this account at the same moment; sign in again.")
        }
        if let redirectTo = pending.redirectTo, let cookies = service.cookies {
            var response = Response(status: .found, headers: [.location: redirectTo, .cacheControl: "no-store"])
            cookies.set(tokens, now: now, on: &response)
            return response
        }
        var response = tokenResponse(tokens, status: account.created ? .created : .ok, now: now, request: request)
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// The account `info` signs in as, with the statements that link or create it: an existing
    /// link; else an account with the same address, only when the provider says it is verified;
    /// else a new account (its address verified when the provider says so). With `project`
    /// every step stays inside that project: its links, its end users, a new end user of it.
    private func oauthAccount(
        _ info: OAuthUserInfo, provider: String, project: UUID?, now: Date
    ) async throws -> (user: UserRecord, statements: [SQLStatement], action: String, created: Bool) {
        if let user = try await oauthIdentities.linkedUser(provider: provider, providerUserID: info.userID, project: project) {
            guard user.status == UserRecord.active else { throw OAuthError.accountDisabled }
            return (
                user, [oauthIdentities.touch(provider: provider, providerUserID: info.userID, project: project, email: info.email, now: now)],
                "oauth_login", false
            )
        }
        guard let email = info.email else { throw OAuthError.missingEmail(provider: provider) }
        if let user = try await users.find(email: email, project: project) {
            guard info.emailVerified else { throw OAuthError.unverifiedEmail(provider: provider) }
            guard user.status == UserRecord.active else { throw OAuthError.accountDisabled }
            return (
                user,
                [
                    oauthIdentities.link(provider: provider, providerUserID: info.userID, userID: user.id, project: project, email: email, now: now),
                    oauthIdentities.markVerified(userID: user.id, email: email, now: now),
                ], "oauth_link", false
            )
        }
        // No password is known: the account gets the hash of a random secret nobody holds;
        // the owner can set a password later through /password/forgot.
        let hash = try await service.passwords.hash(SecretText.random(count: 43))
        let name = info.name.trimmingCharacters(in: .whitespacesAndNewlines)
        var user = UserRecord(
            id: UUID(), email: email, name: String((name.isEmpty ? String(email.prefix { $0 != "@" }) : name).prefix(200)),
            passwordHash: hash, role: service.settings.defaultRole, now: now, projectID: project)
        var statements = [users.insert(user)]
        if info.emailVerified {
            user.emailVerifiedAt = now
            statements.append(oauthIdentities.markVerified(userID: user.id, email: email, now: now))
        }
        statements.append(oauthIdentities.link(provider: provider, providerUserID: info.userID, userID: user.id, project: project, email: email, now: now))
        return (user, statements, "oauth_signup", true)
    }

    /// The enabled provider named by `{provider}`, or 404.
    private func oauthProvider(_ context: LoomRequestContext) throws -> OAuthProvider {
        let name = context.parameters.get("provider") ?? ""
        guard let provider = service.oauth?.providers[name] else { throw OAuthError.unknownProvider(name) }
        return provider
    }

    private func requireOAuth() throws -> OAuthSignIn {
        guard let oauth = service.oauth else { throw OAuthError.unknownProvider("") }
        return oauth
    }
}

extension Optional {
    /// `map` with an async transform returning an optional.
    fileprivate func asyncFlatMap<Result>(_ transform: (Wrapped) async throws -> Result?) async rethrows -> Result? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
