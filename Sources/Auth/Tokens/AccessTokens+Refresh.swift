import Foundation
import JWTKit

/// JWT refresh tokens: the opaque token signed into a JWT on the way out and taken back out,
/// after the same strict header, signature, issuer, audience and expiry checks as access tokens,
/// on the way in.
extension AccessTokens {
    /// The header `typ` of refresh tokens, so neither kind of token passes for the other.
    static let refreshHeaderType = "rt+jwt"

    /// `token` as a signed JWT for `userID`'s session, expiring with the session.
    func wrapRefresh(_ token: RefreshToken, userID: String, sessionID: String, now: Date, expires: Date) async throws -> String {
        let issued = Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.down))
        let claims = RefreshTokenClaims(
            subject: SubjectClaim(value: userID), sessionID: sessionID, issuer: IssuerClaim(value: issuer),
            audience: AudienceClaim(value: [audience]), expiration: ExpirationClaim(value: expires),
            issuedAt: IssuedAtClaim(value: issued), tokenType: RefreshTokenClaims.refreshType, refreshToken: token.text)
        return try await keys.sign(claims, header: JWTHeader(fields: ["typ": .string(Self.refreshHeaderType)]))
    }

    /// The opaque refresh token inside a valid JWT refresh token, or `nil`.
    func unwrapRefresh(_ text: String, now: Date) async -> String? {
        guard let header = Self.header(of: text), header.alg == Self.algorithm, header.typ == Self.refreshHeaderType,
            header.crit == nil, let claims = try? await keys.verify(text, as: RefreshTokenClaims.self),
            claims.issuer.value == issuer, claims.audience.value.contains(audience),
            now < claims.expiration.value.addingTimeInterval(Self.leewaySeconds)
        else { return nil }
        return claims.refreshToken
    }
}
