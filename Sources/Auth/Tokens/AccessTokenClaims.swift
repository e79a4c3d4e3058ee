import Foundation
import JWTKit

/// The payload of an access token.
///
/// `token_type` is always `access`; together with the header's `typ: at+jwt` it keeps any other
/// token this server might sign (refresh, impersonation, invitation) from being accepted here.
struct AccessTokenClaims: JWTPayload {
    /// The only accepted `token_type`.
    static let accessType = "access"

    /// The user id.
    var subject: SubjectClaim
    /// The session (refresh-token family) the token was issued for.
    var sessionID: String
    /// `iss`.
    var issuer: IssuerClaim
    /// `aud`.
    var audience: AudienceClaim
    /// `exp`.
    var expiration: ExpirationClaim
    /// `nbf`.
    var notBefore: NotBeforeClaim
    /// `iat`.
    var issuedAt: IssuedAtClaim
    /// `jti`: unique per token, for logs and future deny lists.
    var tokenID: IDClaim
    /// Always `access`.
    var tokenType: String
    /// `org`: the organization the session is bound to (its scopes are the organization role's).
    var organizationID: String? = nil
    /// `prj`: the project, inside `org`, the session is narrowed to.
    var projectID: String? = nil

    enum CodingKeys: String, CodingKey {
        case subject = "sub"
        case sessionID = "sid"
        case issuer = "iss"
        case audience = "aud"
        case expiration = "exp"
        case notBefore = "nbf"
        case issuedAt = "iat"
        case tokenID = "jti"
        case tokenType = "token_type"
        case organizationID = "org"
        case projectID = "prj"
    }

    /// Runs inside jwt-kit right after the signature checks out: refuses tokens of another
    /// type. Time, issuer and audience are checked by `AccessTokens.verify` against the app's
    /// settings and the injected clock, which this hook cannot see.
    func verify(using algorithm: some JWTAlgorithm) async throws {
        guard tokenType == Self.accessType else {
            throw JWTError.claimVerificationFailure(failedClaim: nil, reason: "token_type is not access")
        }
    }
}
