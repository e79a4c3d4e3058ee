/// `security` in `app.json`: the security header fields every answer carries.
public struct SecuritySchema: Codable, Sendable, Hashable {
    /// Whether clients reach the app over HTTPS (directly or through a TLS-terminating proxy);
    /// only then is `Strict-Transport-Security` sent.
    public var servedOverTLS: Bool
    /// The `Referrer-Policy` every answer carries.
    public var referrerPolicy: ReferrerPolicy
    /// `max-age` of `Strict-Transport-Security` in seconds.
    public var hstsMaxAge: Int

    /// Creates the declaration; the defaults are Loom's conventions (no HSTS, `no-referrer`, one year).
    public init(servedOverTLS: Bool = false, referrerPolicy: ReferrerPolicy = .noReferrer, hstsMaxAge: Int = 31_536_000) {
        self.servedOverTLS = servedOverTLS
        self.referrerPolicy = referrerPolicy
        self.hstsMaxAge = hstsMaxAge
    }
}

/// The `Referrer-Policy` values of the W3C Referrer Policy specification.
public enum ReferrerPolicy: String, Codable, Sendable, CaseIterable, Hashable {
    case noReferrer = "no-referrer"
    case noReferrerWhenDowngrade = "no-referrer-when-downgrade"
    case origin = "origin"
    case originWhenCrossOrigin = "origin-when-cross-origin"
    case sameOrigin = "same-origin"
    case strictOrigin = "strict-origin"
    case strictOriginWhenCrossOrigin = "strict-origin-when-cross-origin"
    case unsafeURL = "unsafe-url"
}
