import Foundation
import JWTKit

/// The claims of a JWT refresh token (`auth.tokens.refreshTokenFormat: "jwt"`): the opaque
/// refresh token (`rt`) signed with the app's key, so clients that expect a JWT get one while
/// rotation, reuse detection and revocation stay those of the opaque token it carries.
struct RefreshTokenClaims: JWTPayload {
    /// The only accepted `token_type`.
    static let refreshType = "refresh"

    /// The user id.
    var subject: SubjectClaim
    /// The session.
    var sessionID: String
    /// `iss`.
    var issuer: IssuerClaim
    /// `aud`.
    var audience: AudienceClaim
    /// `exp`: the session's end.
    var expiration: ExpirationClaim
    /// `iat`.
    var issuedAt: IssuedAtClaim
    /// Always `refresh`.
    var tokenType: String
    /// The opaque refresh token.
    var refreshToken: String

    enum CodingKeys: String, CodingKey {
        case subject = "sub"
        case sessionID = "sid"
        case issuer = "iss"
        case audience = "aud"
        case expiration = "exp"
        case issuedAt = "iat"
        case tokenType = "token_type"
        case refreshToken = "rt"
    }

    /// Refuses tokens of another type once the signature checks out.
    func verify(using algorithm: some JWTAlgorithm) async throws {
        guard tokenType == Self.refreshType else {
            throw JWTError.claimVerificationFailure(failedClaim: nil, reason: "token_type is not refresh")
        }
    }
}
