import Foundation
import JWTKit

/// The payload of a platform admin's access token.
///
/// Separate from `AccessTokenClaims` in every part a verifier looks at: header `typ`
/// (`PlatformTokens.platformHeaderType`), `token_type: platform`, and an audience of its own
/// (`<app audience>/platform`), so an app user's token is never a platform token and vice versa.
struct PlatformTokenClaims: JWTPayload {
    /// The only accepted `token_type`.
    static let tokenType = "platform"

    /// The admin id.
    var subject: SubjectClaim
    /// The platform session (refresh-token family).
    var sessionID: String
    /// `iss`.
    var issuer: IssuerClaim
    /// `aud`: the app audience plus `/platform`.
    var audience: AudienceClaim
    /// `exp`.
    var expiration: ExpirationClaim
    /// `nbf`.
    var notBefore: NotBeforeClaim
    /// `iat`.
    var issuedAt: IssuedAtClaim
    /// `jti`.
    var tokenID: IDClaim
    /// Always `platform`.
    var tokenType: String

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
    }

    /// Refuses any other token type right after the signature checks out.
    func verify(using algorithm: some JWTAlgorithm) async throws {
        guard tokenType == Self.tokenType else {
            throw JWTError.claimVerificationFailure(failedClaim: nil, reason: "token_type is not platform")
        }
    }
}

/// The payload of an impersonation token: an app access token bound to one organization
/// (`org`), acting as its owner (`sub`), that names the platform admin behind it in `act`
/// (RFC 8693 §4.1). It has no session, so nothing can refresh it.
struct ImpersonationClaims: JWTPayload {
    /// The only accepted `token_type`.
    static let tokenType = "impersonation"

    /// The `act` claim: who is really acting.
    struct Actor: Codable, Sendable, Equatable {
        /// The platform admin's id.
        var subject: String
        /// Always `platform_admin`.
        var kind: String

        enum CodingKeys: String, CodingKey {
            case subject = "sub"
            case kind
        }
    }

    /// The organization owner whose powers the token carries.
    var subject: SubjectClaim
    /// The organization the token is bound to.
    var organizationID: String
    /// The platform admin acting.
    var actor: Actor
    /// `iss`.
    var issuer: IssuerClaim
    /// `aud`: the app's audience (it is used on the app's routes).
    var audience: AudienceClaim
    /// `exp`.
    var expiration: ExpirationClaim
    /// `nbf`.
    var notBefore: NotBeforeClaim
    /// `iat`.
    var issuedAt: IssuedAtClaim
    /// `jti`, recorded in the audit trail at issuance.
    var tokenID: IDClaim
    /// Always `impersonation`.
    var tokenType: String

    enum CodingKeys: String, CodingKey {
        case subject = "sub"
        case organizationID = "org"
        case actor = "act"
        case issuer = "iss"
        case audience = "aud"
        case expiration = "exp"
        case notBefore = "nbf"
        case issuedAt = "iat"
        case tokenID = "jti"
        case tokenType = "token_type"
    }

    /// Refuses any other token type right after the signature checks out.
    func verify(using algorithm: some JWTAlgorithm) async throws {
        guard tokenType == Self.tokenType else {
            throw JWTError.claimVerificationFailure(failedClaim: nil, reason: "token_type is not impersonation")
        }
    }
}
