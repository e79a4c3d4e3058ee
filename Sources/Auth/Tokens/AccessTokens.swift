import Foundation
import JWTKit
import Runtime
import ValueFormats

/// Signs and verifies access tokens: HS256 JWTs (jwt-kit) with the app's secret.
///
/// Verification is strict and ordered so that nothing an attacker controls picks how a token
/// is checked: the header must say exactly `alg: HS256` and `typ: at+jwt` (this refuses
/// `alg: none`, HS384/HS512/RS256 "algorithm confusion" and other token kinds before any key is
/// used); then jwt-kit checks the signature; then `token_type`, `iss`, `aud`, `exp` and `nbf`.
struct AccessTokens: Sendable {
    /// The one signing algorithm accepted.
    static let algorithm = "HS256"
    /// The header `typ` of access tokens (RFC 9068).
    static let headerType = "at+jwt"
    /// Shortest accepted secret: HS256 keys must be at least as long as the hash.
    static let minimumSecretBytes = 32
    /// Tolerated clock difference between server instances for `nbf` and `exp`.
    static let leewaySeconds: TimeInterval = 30

    /// The signing keys (also used for JWT refresh tokens, `AccessTokens+Refresh`).
    let keys: JWTKeyCollection
    /// Expected `iss`.
    let issuer: String
    /// Expected `aud`.
    let audience: String
    /// Lifetime of new tokens.
    let lifetime: TimeInterval
    /// Tokens that passed the header, signature, issuer and audience checks before.
    let verified: VerifiedTokens

    /// Prepares signing with `secret`; the caller has checked its length.
    init(secret: [UInt8], issuer: String, audience: String, lifetimeSeconds: Int) async {
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
        self.keys = keys
        self.issuer = issuer
        self.audience = audience
        self.lifetime = TimeInterval(lifetimeSeconds)
        self.verified = VerifiedTokens()
    }

    /// A signed token for `userID` in `sessionID`, valid from `now` for the configured lifetime
    /// (never past `sessionExpiresAt`), carrying the session's organization and project binding
    /// (`org`, `prj`). Returns the token and its lifetime in seconds.
    func issue(
        userID: String, sessionID: String, now: Date, sessionExpiresAt: Date, binding: SessionBinding = .none
    ) async throws -> (token: String, expiresIn: Int) {
        let issued = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        let expires = min(issued.addingTimeInterval(lifetime), sessionExpiresAt)
        let claims = AccessTokenClaims(
            subject: SubjectClaim(value: userID), sessionID: sessionID, issuer: IssuerClaim(value: issuer),
            audience: AudienceClaim(value: [audience]), expiration: ExpirationClaim(value: expires),
            notBefore: NotBeforeClaim(value: issued), issuedAt: IssuedAtClaim(value: issued),
            tokenID: IDClaim(value: ValueFormats.lowercaseText(of: UUID())), tokenType: AccessTokenClaims.accessType,
            organizationID: binding.organizationText, projectID: binding.projectText)
        let token = try await keys.sign(claims, header: JWTHeader(fields: ["typ": .string(Self.headerType)]))
        return (token, max(0, Int(expires.timeIntervalSince(issued))))
    }

    /// The claims of a valid token, or `nil` for any token that fails a check. The checks that
    /// cannot change for a token's text (header, signature, issuer, audience) run on its first
    /// use only (`VerifiedTokens`); the times run on every use.
    func verify(_ token: String, now: Date) async -> AccessTokenClaims? {
        if let claims = verified.claims(of: token) {
            return Self.isCurrent(claims, now: now) ? claims : nil
        }
        guard let header = Self.header(of: token), header.alg == Self.algorithm, header.typ == Self.headerType,
            header.crit == nil
        else { return nil }
        guard let claims = try? await keys.verify(token, as: AccessTokenClaims.self) else { return nil }
        guard claims.issuer.value == issuer, claims.audience.value.contains(audience), Self.isCurrent(claims, now: now)
        else { return nil }
        verified.remember(claims, of: token, now: now)
        return claims
    }

    /// The claims of a token `verify` accepted before (`VerifiedTokens`) when they are still
    /// current at `now`; `nil` for a token not verified here yet (only `verify` may check it)
    /// or no longer current. Synchronous, for the inline key-read path.
    func rememberedClaims(of token: String, now: Date) -> AccessTokenClaims? {
        guard let claims = verified.claims(of: token), Self.isCurrent(claims, now: now) else { return nil }
        return claims
    }

    /// Whether `now` lies between the token's `nbf` and `exp`, within the leeway.
    static func isCurrent(_ claims: AccessTokenClaims, now: Date) -> Bool {
        now < claims.expiration.value.addingTimeInterval(leewaySeconds)
            && claims.notBefore.value <= now.addingTimeInterval(leewaySeconds)
    }

    /// The decoded JOSE header, or `nil` when the token is not three base64url parts with a JSON header.
    static func header(of token: String) -> JWTHeader? {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let data = base64URLDecoded(parts[0]) else { return nil }
        return try? JSONDecoder().decode(JWTHeader.self, from: data)
    }

    /// Decodes unpadded base64url.
    static func base64URLDecoded(_ text: Substring) -> Data? {
        ValueFormats.bytes(base64URL: String(text)).map { Data($0) }
    }
}
