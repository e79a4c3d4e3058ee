import APIContract
import Foundation
import Hummingbird
import NIOCore
import Runtime
import ValueFormats

/// The auth routes of one app and what their handlers share: body decoding, the caller's
/// account, and issuing a session with its first tokens.
struct AuthRoutes: Sendable {
    let service: AuthService
    let maxBodyBytes: Int
    /// Who the client of a request is (`trustedProxies`): login throttling counts per address.
    let clientAddresses: ClientAddressResolver
    /// The app's auth family: which routes exist and what their bodies accept.
    let contract: AuthContract
    /// Validates bodies against their declarations.
    let validation: ContractValidation
    /// How answers holding API keys are wrapped (the app's envelopes when `envelopes.families` names `apiKeys`).
    let keyEnvelopes: FamilyEnvelopes
    /// `limit` and `offset` of the key list, as the laid-out route declares them.
    let keyListParameters: [ContractParameter]

    /// Creates the routes of `service`.
    init(service: AuthService, maxBodyBytes: Int, clientAddresses: ClientAddressResolver, keyEnvelopes: FamilyEnvelopes = .loom) {
        self.keyEnvelopes = keyEnvelopes
        self.service = service
        self.maxBodyBytes = maxBodyBytes
        self.clientAddresses = clientAddresses
        self.contract = service.contract
        self.validation = ContractValidation(options: contract.options)
        self.keyListParameters = contract.routes.first { $0.operation == .listAPIKeys }?.parameters ?? []
    }

    /// The request bodies of the auth routes.
    var bodies: AuthRequestBodies { contract.bodies }

    var users: UserStore { UserStore(sql: service.sql, database: service.database) }
    var sessions: SessionStore { SessionStore(sql: service.sql, database: service.database) }
    var keys: APIKeyStore { APIKeyStore(sql: service.sql, database: service.database) }
    var audit: AuditLog { AuditLog(sql: service.sql) }

    /// Adds the app's auth family (`AuthContract`), laid out at its complete paths. Every
    /// answer of these routes says `Cache-Control: no-store`: they carry tokens, keys and
    /// account data no cache or browser history may keep.
    func register(in registry: inout RouteRegistry) {
        let routes = contract.routes
        registry.add(routes, prefix: "", handler: { operation in
            let body = routes.first { $0.operation == operation }?.request
            return Self.notStored(RouteRegistry.spellingFieldErrors(handler(for: operation), as: body))
        })
    }

    /// `handler` with `Cache-Control: no-store` on its answers.
    static func notStored(_ handler: @escaping RouteRegistry.Handler) -> RouteRegistry.Handler {
        { request, context in
            var response = try await handler(request, context)
            response.headers[.cacheControl] = "no-store"
            return response
        }
    }

    /// A JSON answer, its members spelled in the app's style (`naming`).
    func answer(status: HTTPResponse.Status, value: some JSONWritable, headers: HTTPFields = [:]) -> Response {
        JSONResponse.make(
            status: status, value: value, headers: headers, naming: service.settings.naming, ids: service.settings.ids,
            roles: service.settings.roleSpelling)
    }

    /// The members token answers carry (`auth.tokens.responseMembers`).
    var tokenMembers: Set<String> { Set(service.settings.tokenResponseMembers) }

    /// Where `operation` is served (for mail telling a user which route to call next).
    func path(of operation: AuthOperation) -> String {
        contract.routes.first { $0.operation == operation }?.path ?? service.settings.routePrefix
    }

    /// The validated JSON body; for a body the route declares optional, an empty request takes
    /// the defaults.
    func decodeBody(_ request: Request, _ body: ContractBody) async throws -> ContractInput {
        try await validation.decode(request, as: body, limit: maxBodyBytes)
    }

    /// The calling user (an access token, not an API key) and their ids. A project's end user
    /// passes only where `allowingEndUsers` (their own account and sessions).
    func requireCaller(
        _ context: LoomRequestContext, allowingEndUsers: Bool = false
    ) throws -> (identity: Identity, userID: UUID, sessionID: UUID?) {
        let identity = try context.requireIdentity()
        if identity.kind == EndUsers.kind && !allowingEndUsers {
            throw APIError.forbidden("End users of a project cannot manage organizations, projects or API keys.")
        }
        guard identity.kind == "user" || identity.kind == EndUsers.kind, let userID = identity.userID.flatMap(ValueFormats.uuid) else {
            throw APIError.forbidden("This route needs a user's access token; API keys cannot manage accounts, sessions or keys.")
        }
        return (identity, userID, identity.sessionID.flatMap(ValueFormats.uuid))
    }

    /// The `{id}` path parameter as the UUID of a `kind` resource (written in the app's id
    /// format), or 404 for anything else.
    func pathID(_ context: LoomRequestContext, _ kind: ResourceKind, what: String) throws -> UUID {
        try pathID(context, "id", kind, what: what)
    }

    /// The `{name}` path parameter as the UUID of a `kind` resource, or 404 for anything else.
    func pathID(_ context: LoomRequestContext, _ name: String, _ kind: ResourceKind, what: String) throws -> UUID {
        let text = context.parameters.get(name) ?? ""
        guard let id = service.settings.ids.uuid(text, kind) else {
            throw APIError(status: .notFound, code: "NOT_FOUND", detail: "No \(what) has id \(text).")
        }
        return id
    }

    /// 404 for a session or key that is not the caller's, or not live; the id as the app writes
    /// a `kind` id.
    func notFound(_ what: String, _ id: UUID, _ kind: ResourceKind) -> APIError {
        APIError(status: .notFound, code: "NOT_FOUND", detail: "No \(what) has id \(service.settings.ids.text(id, kind)).")
    }

    /// The refresh token as the app hands it out: the opaque text, or a JWT carrying it
    /// (`auth.tokens.refreshTokenFormat: "jwt"`), which expires with the session or, with
    /// `refreshTokenLifetime`, that long after it was issued, whichever comes first.
    func wireRefreshToken(_ token: RefreshToken, userID: String, sessionID: UUID, now: Date, expires: Date) async throws -> String {
        guard service.settings.refreshTokensAreJWT else { return token.text }
        let end = refreshTokenLifetime.map { min(expires, now.addingTimeInterval(TimeInterval($0))) } ?? expires
        return try await service.tokens.wrapRefresh(
            token, userID: userID, sessionID: ValueFormats.lowercaseText(of: sessionID), now: now, expires: end)
    }

    /// How long one refresh token lives, where sessions may outlast it (`auth.tokens.maxSessionSeconds`):
    /// `refreshTokenSeconds`; `nil` where a refresh token lives as long as its session.
    var refreshTokenLifetime: Int? {
        service.settings.maxSessionSeconds == nil ? nil : service.settings.refreshTokenSeconds
    }

    /// The latest end a client may give a session: `auth.tokens.maxSessionSeconds`, else the
    /// session lifetime.
    var maxSessionSeconds: Int { service.settings.maxSessionSeconds ?? service.settings.refreshTokenSeconds }

    /// The opaque refresh token a client presented: the text itself, or the one inside a valid
    /// JWT refresh token (401 for an invalid one).
    func presentedRefreshToken(_ text: String, now: Date) async throws -> String {
        guard service.settings.refreshTokensAreJWT else { return text }
        guard let inner = await service.tokens.unwrapRefresh(text, now: now) else {
            throw APIError.invalidCredentials("The refresh token is invalid or expired; log in again.")
        }
        return inner
    }

    /// Starts a session for `user`: writes `leading` statements, the session, its first
    /// refresh token and an audit event in one transaction, then signs an access token. A
    /// session bound to an organization (and project) issues tokens carrying `org` (and `prj`).
    func startSession(
        for user: UserRecord, expiresAt: Date?, leading: [SQLStatement], action: String, request: Request,
        context: LoomRequestContext, now: Date, binding: SessionBinding = .none
    ) async throws -> TokenResponse {
        // A session lasts the session lifetime unless the client asked for another end, which
        // may lie up to `maxSessionSeconds` ahead (checked before, and capped here again).
        let lifetime = now.addingTimeInterval(TimeInterval(service.settings.refreshTokenSeconds))
        let ceiling = now.addingTimeInterval(TimeInterval(maxSessionSeconds))
        let session = SessionRecord(
            id: UUID(), userID: user.id, now: now, expiresAt: min(expiresAt ?? lifetime, ceiling),
            userAgent: request.headers[.userAgent].map { String($0.prefix(512)) },
            ipAddress: RequestClientAddress.of(context), binding: binding)
        let refreshToken = RefreshToken.generate()
        var statements = leading
        statements.append(sessions.insert(session))
        statements.append(sessions.insertToken(id: UUID(), sessionID: session.id, token: refreshToken, now: now))
        statements.append(audit.event(
            action, actor: user.idText, target: ValueFormats.lowercaseText(of: session.id), ipAddress: session.ipAddress, now: now))
        _ = try await service.database.write(statements)
        let access = try await service.tokens.issue(
            userID: user.idText, sessionID: ValueFormats.lowercaseText(of: session.id), now: now, sessionExpiresAt: session.expiresAt,
            binding: binding)
        return TokenResponse(
            accessToken: access.token, expiresIn: access.expiresIn,
            refreshToken: try await wireRefreshToken(refreshToken, userID: user.idText, sessionID: session.id, now: now, expires: session.expiresAt),
            sessionID: session.id, sessionExpiresAt: session.expiresAt, user: user)
    }
}
