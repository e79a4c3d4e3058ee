import HTTPTypes

/// The security header fields every answer carries (`security` in `app.json`), made once at
/// start-up. `CommonResponseHeaders` writes them on both ways an answer leaves the server, so an
/// inline key read carries them too, at the cost of appending prepared fields (no branch per
/// request, no middleware, and the inline path stays on).
///
/// - `X-Content-Type-Options: nosniff`: browsers never guess a type other than the declared one.
/// - `Referrer-Policy` (`no-referrer` unless the app says otherwise).
/// - `Strict-Transport-Security` only when the app says it is served over TLS: sent over plain
///   HTTP it would be ignored, and sent by a server reached through plain HTTP behind no TLS
///   terminator it would lock browsers out.
public struct SecurityHeaders: Sendable, Hashable {
    /// Whether clients reach the app over HTTPS (directly or through a TLS-terminating proxy).
    public var servedOverTLS: Bool
    /// The `Referrer-Policy` value.
    public var referrerPolicy: String
    /// `max-age` of `Strict-Transport-Security`, in seconds (one year by default).
    public var hstsMaxAge: Int

    /// Creates the settings; the defaults are Loom's conventions.
    public init(servedOverTLS: Bool = false, referrerPolicy: String = "no-referrer", hstsMaxAge: Int = 31_536_000) {
        self.servedOverTLS = servedOverTLS
        self.referrerPolicy = referrerPolicy
        self.hstsMaxAge = hstsMaxAge
    }

    /// `nosniff`, `no-referrer`, no HSTS.
    public static let standard = SecurityHeaders()

    /// The fields, in the order they are written.
    var fields: [HTTPField] {
        var fields = [
            HTTPField(name: .xContentTypeOptions, value: "nosniff"),
            HTTPField(name: .referrerPolicy, value: referrerPolicy),
        ]
        if servedOverTLS {
            fields.append(HTTPField(name: .strictTransportSecurity, value: "max-age=\(hstsMaxAge); includeSubDomains"))
        }
        return fields
    }
}

extension HTTPField.Name {
    /// `Referrer-Policy`.
    public static let referrerPolicy = HTTPField.Name("Referrer-Policy")!
}
