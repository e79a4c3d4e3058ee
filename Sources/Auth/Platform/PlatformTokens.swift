import Foundation
import JWTKit
import Runtime
import ValueFormats

/// Signs and verifies platform admin tokens and impersonation tokens with the app's secret.
///
/// Each kind has its own header `typ`, so `AccessTokens.verify` (which demands `at+jwt`)
/// refuses both before it checks a signature, and each verifier here refuses the others the
/// same way; `token_type` and the audience separate them a second and third time.
struct PlatformTokens: Sendable {
    /// Header `typ` of platform admin access tokens.
    static let platformHeaderType = "platform+jwt"
    /// Header `typ` of impersonation tokens.
    static let impersonationHeaderType = "impersonation+jwt"

    private let keys: JWTKeyCollection
    /// Expected `iss` (the app's).
    let issuer: String
    /// The app's audience: impersonation tokens carry it.
    let appAudience: String
    /// Platform tokens' audience.
    var platformAudience: String { appAudience + "/platform" }
    /// Lifetime of platform access tokens.
    let accessLifetime: TimeInterval
    /// Lifetime of impersonation tokens.
    let impersonationLifetime: TimeInterval

    /// Prepares signing with `secret`; the caller has checked its length.
    init(secret: [UInt8], issuer: String, audience: String, settings: PlatformAdminSettings) async {
        let keys = JWTKeyCollection()
        await keys.add(hmac: HMACKey(from: secret), digestAlgorithm: .sha256)
        self.keys = keys
        self.issuer = issuer
        self.appAudience = audience
        self.accessLifetime = TimeInterval(settings.accessTokenSeconds)
        self.impersonationLifetime = TimeInterval(settings.impersonationSeconds)
    }

    /// A platform access token for `adminID` in `sessionID` (never past the session's end).
    func issuePlatform(adminID: String, sessionID: String, now: Date, sessionExpiresAt: Date) async throws -> (token: String, expiresIn: Int) {
        let (issued, expires) = Self.window(now: now, lifetime: accessLifetime, limit: sessionExpiresAt)
        let claims = PlatformTokenClaims(
            subject: SubjectClaim(value: adminID), sessionID: sessionID, issuer: IssuerClaim(value: issuer),
            audience: AudienceClaim(value: [platformAudience]), expiration: ExpirationClaim(value: expires),
            notBefore: NotBeforeClaim(value: issued), issuedAt: IssuedAtClaim(value: issued),
            tokenID: IDClaim(value: ValueFormats.lowercaseText(of: UUID())), tokenType: PlatformTokenClaims.tokenType)
        let token = try await keys.sign(claims, header: JWTHeader(fields: ["typ": .string(Self.platformHeaderType)]))
        return (token, max(0, Int(expires.timeIntervalSince(issued))))
    }

    /// An impersonation token acting as `ownerID` in `organizationID` for `adminID`.
    func issueImpersonation(
        ownerID: String, organizationID: String, adminID: String, tokenID: String, now: Date
    ) async throws -> (token: String, expiresIn: Int, expiresAt: Date) {
        let (issued, expires) = Self.window(now: now, lifetime: impersonationLifetime, limit: nil)
        let claims = ImpersonationClaims(
            subject: SubjectClaim(value: ownerID), organizationID: organizationID,
            actor: .init(subject: adminID, kind: "platform_admin"), issuer: IssuerClaim(value: issuer),
            audience: AudienceClaim(value: [appAudience]), expiration: ExpirationClaim(value: expires),
            notBefore: NotBeforeClaim(value: issued), issuedAt: IssuedAtClaim(value: issued), tokenID: IDClaim(value: tokenID),
            tokenType: ImpersonationClaims.tokenType)
        let token = try await keys.sign(claims, header: JWTHeader(fields: ["typ": .string(Self.impersonationHeaderType)]))
        return (token, max(0, Int(expires.timeIntervalSince(issued))), expires)
    }

    /// The claims of a valid platform token, or `nil`.
    func verifyPlatform(_ token: String, now: Date) async -> PlatformTokenClaims? {
        guard Self.hasHeader(token, type: Self.platformHeaderType),
            let claims = try? await keys.verify(token, as: PlatformTokenClaims.self),
            claims.issuer.value == issuer, claims.audience.value.contains(platformAudience),
            Self.isCurrent(expiration: claims.expiration.value, notBefore: claims.notBefore.value, now: now)
        else { return nil }
        return claims
    }

    /// The claims of a valid impersonation token, or `nil`.
    func verifyImpersonation(_ token: String, now: Date) async -> ImpersonationClaims? {
        guard Self.hasHeader(token, type: Self.impersonationHeaderType),
            let claims = try? await keys.verify(token, as: ImpersonationClaims.self),
            claims.issuer.value == issuer, claims.audience.value.contains(appAudience),
            Self.isCurrent(expiration: claims.expiration.value, notBefore: claims.notBefore.value, now: now)
        else { return nil }
        return claims
    }

    /// Whether `token`'s header says exactly HS256 and `type` (and nothing critical); read
    /// before any key is used, like `AccessTokens.verify`.
    static func hasHeader(_ token: String, type: String) -> Bool {
        guard let header = AccessTokens.header(of: token) else { return false }
        return header.alg == AccessTokens.algorithm && header.typ == type && header.crit == nil
    }

    private static func window(now: Date, lifetime: TimeInterval, limit: Date?) -> (issued: Date, expires: Date) {
        let issued = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        let expires = issued.addingTimeInterval(lifetime)
        return (issued, limit.map { min(expires, $0) } ?? expires)
    }

    private static func isCurrent(expiration: Date, notBefore: Date, now: Date) -> Bool {
        now < expiration.addingTimeInterval(AccessTokens.leewaySeconds) && notBefore <= now.addingTimeInterval(AccessTokens.leewaySeconds)
    }
}
