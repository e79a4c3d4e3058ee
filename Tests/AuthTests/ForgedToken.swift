import Crypto
import Foundation

/// Builds JWTs by hand, with any header, payload and signature, to test that verification
/// refuses every token it should (a real attacker is not limited to jwt-kit's output).
enum ForgedToken {
    /// How the forged token is signed.
    enum Signature {
        /// No signature at all (`alg: none` tokens end with a dot).
        case none
        /// HMAC-SHA256 with `secret`.
        case hs256(String)
        /// HMAC-SHA512 with `secret`.
        case hs512(String)
    }

    /// `base64url(header).base64url(payload).signature`.
    static func make(header: [String: Any], payload: [String: Any], signature: Signature) throws -> String {
        let signingInput = try encode(header) + "." + encode(payload)
        let bytes: [UInt8]
        switch signature {
        case .none:
            bytes = []
        case .hs256(let secret):
            bytes = Array(HMAC<SHA256>.authenticationCode(for: Array(signingInput.utf8), using: SymmetricKey(data: Array(secret.utf8))))
        case .hs512(let secret):
            bytes = Array(HMAC<SHA512>.authenticationCode(for: Array(signingInput.utf8), using: SymmetricKey(data: Array(secret.utf8))))
        }
        return signingInput + "." + base64URL(Data(bytes))
    }

    /// Valid claims for `issuer`/`audience` around `now`, with `overrides` applied (`NSNull` removes a claim).
    static func claims(
        issuer: String, audience: String, subject: String = UUID().uuidString.lowercased(),
        session: String = UUID().uuidString.lowercased(), now: Date = Date(), overrides: [String: Any] = [:]
    ) -> [String: Any] {
        let seconds = now.timeIntervalSince1970.rounded(.down)
        var claims: [String: Any] = [
            "sub": subject, "sid": session, "iss": issuer, "aud": [audience], "exp": seconds + 600, "nbf": seconds,
            "iat": seconds, "jti": UUID().uuidString, "token_type": "access",
        ]
        for (key, value) in overrides {
            if value is NSNull { claims.removeValue(forKey: key) } else { claims[key] = value }
        }
        return claims
    }

    private static func encode(_ object: [String: Any]) throws -> String {
        base64URL(try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]))
    }

    private static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
