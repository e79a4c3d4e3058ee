import Foundation
import HTTPTypes
import Runtime
import ValueFormats

extension AuthService {
    /// `X-API-Key` and `Authorization`: the inline key-read path may answer requests carrying
    /// them (`authenticateInline`). `Cookie` stays passed on: cookie mode's CSRF check and
    /// cookie parsing belong to the routed path.
    public var inlineCredentialHeaders: [HTTPField.Name] { [apiKeyHeader, .authorization] }

    /// The caller of `credentials` when `authenticate` would find it `.authenticated` and can
    /// be decided now without waiting, with the same statements and decisions
    /// (`sessionStatement`/`sessionOutcome`, `APIKeyStore.presentedStatement`/`acceptedKey`) run
    /// through `DatabaseClient.fetchByKeyInline`. The session or key row is read on every
    /// request, so a logout, a removed member, a banned user or a revoked key is refused on the
    /// next request, inline or not. `nil` (the request then goes through `authenticate`) for:
    /// - an access token not yet verified by this process (`VerifiedTokens`; the routed path
    ///   verifies it and remembers it), or no longer current;
    /// - an API key whose `last_used_at` is due to be written, or with allowed address ranges
    ///   and no client address known here (the app trusts forwarded addresses);
    /// - an access token beside an API key, an impersonation token, a platform route;
    /// - any refusal, a database that cannot read now, a row that cannot be read.
    public func authenticateInline(_ credentials: InlineCredentials) -> Identity? {
        switch presentedCredential(path: credentials.path, apiKey: credentials[apiKeyHeader], authorization: credentials[.authorization]) {
        case .apiKey(let key): return inlineIdentity(apiKey: key, clientAddress: credentials.clientAddress)
        case .accessToken(let token): return inlineIdentity(accessToken: token)
        // A token beside a key (`authenticate(accessToken:besideKey:)`), impersonation, platform
        // routes and refusals: left to the routed path.
        case .tokenBesideKey, .impersonation, .platformRoute, .malformedAuthorization, .neither: return nil
        }
    }

    /// `authenticate(accessToken:)` for a remembered token, the session read inline.
    func inlineIdentity(accessToken token: String) -> Identity? {
        let now = clock()
        guard let claims = tokens.rememberedClaims(of: token, now: now), let sessionID = ValueFormats.uuid(claims.sessionID),
            let rows = try? database.fetchByKeyInline(sessionStatement(sessionID)),
            case .authenticated(let identity)? = try? sessionOutcome(rows, claims: claims, sessionID: sessionID, now: now)
        else { return nil }
        return identity
    }

    /// `authenticate(apiKey:context:)` with the key read inline, unless it would write.
    func inlineIdentity(apiKey text: String, clientAddress: String?) -> Identity? {
        guard let keyFormat, let presented = keyFormat.parse(text) else { return nil }
        let store = APIKeyStore(sql: sql, database: database)
        guard let rows = try? database.fetchByKeyInline(store.presentedStatement(lookupID: presented.lookupID)),
            let row = try? APIKeyStore.Presented(rows: rows)
        else { return nil }
        let now = clock()
        guard case .success(let key) = acceptedKey(row, presented: presented, clientAddress: clientAddress, now: now),
            !Self.touchIsDue(key, now: now)
        else { return nil }
        return identity(of: key)
    }
}
