import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Runtime
import ValueFormats

extension AuthService {
    /// A key's `last_used_at` is written at most this often, so a busy key costs no write per request.
    static let lastUsedResolution: TimeInterval = 60

    /// `X-API-Key` first (with an access token beside it, the token, held to the key's project:
    /// `authenticate(accessToken:besideKey:context:)`); else `Authorization: Bearer`: a key when it has a key prefix and the
    /// app accepts keys there, an impersonation token (`PlatformTokens`), otherwise an access token;
    /// else, in cookie mode, the access token cookie (unsafe methods must pass the CSRF check of
    /// the token's session).
    /// No credentials, or a platform route (which checks platform tokens itself): `.anonymous`, no I/O.
    public func authenticate(_ request: Request, context: LoomRequestContext) async -> AuthenticationOutcome {
        do {
            switch presentedCredential(path: request.uri.path, apiKey: request.headers[apiKeyHeader], authorization: request.headers[.authorization]) {
            case .platformRoute:
                return .anonymous
            case .tokenBesideKey(let token, let key):
                return try await authenticate(accessToken: token, besideKey: key, context: context)
            case .apiKey(let key):
                return try await authenticate(apiKey: key, context: context)
            case .malformedAuthorization:
                return .rejected(.invalidCredentials("Send the token as Authorization: Bearer <token>."))
            case .impersonation(let token, let platform):
                return try await authenticateImpersonation(token, platform: platform, request: request, context: context)
            case .accessToken(let token):
                return try await authenticate(accessToken: token)
            case .neither:
                guard let cookies, let token = request.cookies[cookies.access]?.value, !token.isEmpty else {
                    return .anonymous
                }
                let outcome = try await authenticate(accessToken: token)
                guard case .authenticated(let identity) = outcome else { return outcome }
                guard let session = identity.sessionID.flatMap(ValueFormats.uuid), cookies.passesCSRF(request, session: session)
                else { return .rejected(SessionCookies.csrfFailure) }
                return outcome
            }
        } catch {
            context.logger.error("authentication failed to read the database", metadata: ["error": "\(error)"])
            return .rejected(.unavailable)
        }
    }

    /// What a request to `path` presents in `X-API-Key` (`apiKey`) and `Authorization`: decided
    /// here once for the routed path (`authenticate`) and the inline one (`authenticateInline`),
    /// so the two cannot read the same headers differently.
    enum PresentedCredential {
        /// A platform route, which checks platform tokens itself.
        case platformRoute
        /// An access token beside a key: the token, held to the key's project.
        case tokenBesideKey(token: String, key: String)
        /// An API key, in `X-API-Key` or as a bearer token with a key prefix (`acceptBearer`).
        case apiKey(String)
        /// `Authorization` that is not `Bearer <token>`.
        case malformedAuthorization
        /// A platform administrator's impersonation token.
        case impersonation(String, PlatformAdmins)
        /// An access token.
        case accessToken(String)
        /// Neither header (cookie mode may still find a token).
        case neither
    }

    /// `X-API-Key` first (with an access token beside it, the token); else `Authorization:
    /// Bearer`: a key when it has a key prefix and the app accepts keys there, an impersonation
    /// token, otherwise an access token.
    func presentedCredential(path: String, apiKey: String?, authorization: String?) -> PresentedCredential {
        if let platform, platform.covers(path) { return .platformRoute }
        if let key = apiKey {
            if let token = authorization.flatMap(Self.bearerToken), !(keyFormat?.hasKnownPrefix(token) ?? false) {
                return .tokenBesideKey(token: token, key: key)
            }
            return .apiKey(key)
        }
        guard let authorization else { return .neither }
        guard let token = Self.bearerToken(authorization) else { return .malformedAuthorization }
        if let keyFormat, settings.apiKeys?.acceptBearer == true, keyFormat.hasKnownPrefix(token) { return .apiKey(token) }
        if let platform, PlatformTokens.hasHeader(token, type: PlatformTokens.impersonationHeaderType) {
            return .impersonation(token, platform)
        }
        return .accessToken(token)
    }

    /// `X-API-Key`, `Authorization` and `Cookie`: without them `authenticate` answers `.anonymous`.
    public var credentialHeaders: [HTTPField.Name] { [apiKeyHeader, .authorization, .cookie] }

    /// The token of `Bearer <token>` (scheme case-insensitive, blanks around the token
    /// ignored), or `nil`. Read byte by byte: it runs on every authenticated request.
    static func bearerToken(_ authorization: String) -> String? {
        let bytes = authorization.utf8
        guard let space = bytes.firstIndex(of: UInt8(ascii: " ")) else { return nil }
        let scheme = bytes[..<space]
        // ASCII letters only: setting 0x20 lower-cases a letter and maps no other byte onto one.
        guard scheme.count == 6, zip(scheme, "bearer".utf8).allSatisfy({ $0 | 0x20 == $1 }) else { return nil }
        let isBlank = { (byte: UInt8) in byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") }
        var start = bytes.index(after: space)
        var end = bytes.endIndex
        while start < end, isBlank(bytes[start]) { start = bytes.index(after: start) }
        while end > start, isBlank(bytes[bytes.index(before: end)]) { end = bytes.index(before: end) }
        return start < end ? String(authorization[start..<end]) : nil
    }

    /// A valid access token whose session is live and whose user is active; for a session
    /// bound to an organization, the membership must still exist (and the project must not be
    /// archived) and the scopes are those of the member's current organization role. One
    /// primary-key read joins all of it (`sessionStatement`, decided by `sessionOutcome`, which
    /// the inline path shares: `authenticateInline`).
    func authenticate(accessToken token: String) async throws -> AuthenticationOutcome {
        let now = clock()
        guard let claims = await tokens.verify(token, now: now), let sessionID = ValueFormats.uuid(claims.sessionID) else {
            return .rejected(.invalidCredentials())
        }
        return try sessionOutcome(try await database.fetchByKey(sessionStatement(sessionID)), claims: claims, sessionID: sessionID, now: now)
    }

    /// The read of an access token's session joined with its user and binding checks.
    func sessionStatement(_ sessionID: UUID) -> SQLStatement {
        sql.statement(
            """
            SELECT s.user_id, s.expires_at, s.revoked_at, u.role, u.status, s.organization_id, s.project_id, \
            \(SessionBinding.checkColumns) FROM auth_sessions s JOIN auth_users u ON u.id = s.user_id \
            \(SessionBinding.joins("s")) WHERE s.id = ?
            """, [.uuid(sessionID)])
    }

    /// What the rows of `sessionStatement` say of a token with valid, current `claims`: the
    /// caller, or the refusal. Throws only when a row cannot be read.
    func sessionOutcome(_ rows: [SQLRow], claims: AccessTokenClaims, sessionID: UUID, now: Date) throws -> AuthenticationOutcome {
        guard let row = rows.first else { return .rejected(.invalidCredentials()) }
        var reader = RowReader(row)
        let userID = try reader.uuid()
        let expiresAt = try reader.timestamp()
        let revokedAt = try reader.optionalTimestamp()
        let role = try reader.string()
        let status = try reader.string()
        let binding = SessionBinding(organizationID: try reader.optionalUUID(), projectID: try reader.optionalUUID())
        let check = try SessionBinding.Check(&reader)
        let subject = ValueFormats.lowercaseText(of: userID)
        guard revokedAt == nil, expiresAt.isLater(than: now), status == UserRecord.active, subject == claims.subject.value.lowercased(),
            binding.organizationText == claims.organizationID?.lowercased(), binding.projectText == claims.projectID?.lowercased(),
            binding.holds(check)
        else {
            return .rejected(.invalidCredentials())
        }
        // End users hold the app's end-user role only (`auth.endUserRole`), whatever their row says.
        let scopes =
            check.isEndUser
            ? settings.endUserScopes : binding.organizationID == nil ? scopes(ofRole: role) : organizationRoles.scopes(of: check.role ?? "")
        return .authenticated(Identity(
            subject: subject, kind: check.isEndUser ? EndUsers.kind : "user", scopes: settings.expanding(scopes), userID: subject,
            sessionID: ValueFormats.lowercaseText(of: sessionID),
            organizationID: binding.organizationText, projectID: binding.projectText))
    }

    /// A well-formed key (checked before any lookup) whose secret matches in constant time,
    /// live, of an active creator, used from an allowed address (`acceptedKey`, which the inline
    /// path shares). Its `last_used_at` is written at most once a `lastUsedResolution`.
    func authenticate(apiKey text: String, context: LoomRequestContext) async throws -> AuthenticationOutcome {
        guard let keyFormat, let presented = keyFormat.parse(text) else { return .rejected(Self.malformedKey) }
        let store = APIKeyStore(sql: sql, database: database)
        let key = try await store.presented(lookupID: presented.lookupID)
        let now = clock()
        switch acceptedKey(key, presented: presented, clientAddress: RequestClientAddress.of(context), now: now) {
        case .failure(let refusal):
            return .rejected(refusal)
        case .success(let key):
            if Self.touchIsDue(key, now: now) { _ = try await database.write([store.touch(id: key.id, now: now)]) }
            return .authenticated(identity(of: key))
        }
    }

    /// 401 for a key text that cannot be a key of this app.
    static let malformedKey = APIError.invalidCredentials("The API key is malformed: unknown prefix, wrong length or checksum mismatch.")

    /// Whether `key` (`nil`: none has the presented lookup id) is the `presented` one and may be
    /// used at `now` from `clientAddress` (`nil`: unknown, refused by a key with allowed ranges).
    func acceptedKey(
        _ key: APIKeyStore.Presented?, presented: APIKeyFormat.Presented, clientAddress: String?, now: Date
    ) -> Result<APIKeyStore.Presented, APIError> {
        guard let key, SecretText.matches(presented.secret, storedDigest: key.secretDigest), key.environment == presented.environment
        else { return .failure(.invalidCredentials()) }
        guard key.revokedAt == nil, key.expiresAt.map({ $0.isLater(than: now) }) ?? true,
            key.userStatus == UserRecord.active || key.userStatus == ServiceAccount.status, key.binding.holds(key.bindingCheck)
        else {
            return .failure(.invalidCredentials())
        }
        if !key.allowedCIDRs.isEmpty {
            let ranges = key.allowedCIDRs.compactMap(CIDRRange.init)
            guard let clientAddress, ranges.contains(where: { $0.contains(address: clientAddress) }) else {
                return .failure(.forbidden("This API key may not be used from this address."))
            }
        }
        return .success(key)
    }

    /// Whether a use of `key` at `now` must write its `last_used_at`.
    static func touchIsDue(_ key: APIKeyStore.Presented, now: Date) -> Bool {
        key.lastUsedAt.map { now.timeIntervalSince($0) >= lastUsedResolution } ?? true
    }
}
