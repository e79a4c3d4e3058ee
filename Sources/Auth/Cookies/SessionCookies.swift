import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import Runtime
import ValueFormats

/// Cookie mode: tokens in httpOnly cookies for browsers, with a CSRF token bound to the session.
///
/// `loom_access` (the access token) and `loom_refresh` (the refresh token, sent only to the
/// auth routes) are httpOnly, so scripts cannot read them; `loom_csrf` is readable, and every
/// unsafe request authenticated by cookie must repeat its value in `X-CSRF-Token`. A cross-site
/// form can make the browser send the cookies but cannot read `loom_csrf` to set the header.
///
/// The CSRF token is an HMAC of the session id under a key derived from the app's signing
/// secret (the "signed double submit" of OWASP's cheat sheet), and the header is checked against
/// the session the cookie's token belongs to, not against the `loom_csrf` cookie: a cookie
/// planted by a sibling subdomain or a man in the middle of plain HTTP, or a token taken from
/// another session, does not pass.
struct SessionCookies: Sendable {
    /// Access token cookie's default name (`auth.cookies.accessName` renames it).
    static let defaultAccess = "loom_access"
    /// Refresh token cookie.
    static let refresh = "loom_refresh"
    /// CSRF token cookie.
    static let csrf = "loom_csrf"
    /// The header that must echo the CSRF cookie.
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    /// Token answer members a browser's request never gets in the body (cookie mode).
    static let tokenMembers: Set<String> = ["access_token", "refresh_token", "token"]

    /// HKDF label of the CSRF key, so it never equals a key used for anything else.
    static let keyLabel = "loom csrf v1"

    /// The access token cookie's name.
    let access: String
    let sameSite: Cookie.SameSite
    let secure: Bool
    /// Path of the refresh cookie: the deepest path covering the routes that read it (refresh
    /// and logout; by default the auth routes' prefix).
    let refreshPath: String
    /// The key CSRF tokens are signed with (derived from the app's signing secret).
    private let csrfKey: SymmetricKey

    /// Cookie mode for `settings`, or `nil` when the app does not enable it; `readers` are the
    /// paths of the routes that read the refresh cookie; `secret` is the app's signing secret.
    init?(settings: AuthSettings, readers: [String], secret: [UInt8]) {
        guard let cookies = settings.cookies else { return nil }
        access = cookies.accessName
        sameSite = cookies.sameSite == "lax" ? .lax : .strict
        secure = cookies.secure
        refreshPath = Self.commonDirectory(readers) ?? settings.routePrefix
        csrfKey = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: secret), info: Array(Self.keyLabel.utf8), outputByteCount: 32)
    }

    /// Whether a token answer to `request` leaves the tokens out of its body: when a browser
    /// sent it. Browsers send `Origin` on every POST (same-origin or not) and no script can
    /// remove it; server-side clients (SDKs, curl, other backends) do not send it and keep
    /// getting the tokens in the body for `Authorization: Bearer`.
    func keepsTokensOutOfBody(_ request: Request) -> Bool {
        request.headers[.origin] != nil
    }

    /// The CSRF token of `session`: base64url of HMAC-SHA256(key, session id).
    func csrfToken(session: UUID) -> String {
        let mac = HMAC<SHA256>.authenticationCode(for: Array(ValueFormats.lowercaseText(of: session).utf8), using: csrfKey)
        return ValueFormats.base64URL(Array(mac))
    }

    /// The longest path whose segments begin every path of `paths` (`/v1/auth` for
    /// `/v1/auth/refresh` and `/v1/auth/logout`); `nil` for none.
    static func commonDirectory(_ paths: [String]) -> String? {
        let split = paths.map { $0.split(separator: "/").dropLast() }
        guard var common = split.first.map(Array.init) else { return nil }
        for segments in split.dropFirst() {
            common = Array(zip(common, segments).prefix { $0 == $1 }.map(\.0))
        }
        return "/" + common.joined(separator: "/")
    }

    /// Sets the three cookies of a new token pair on `response`.
    func set(_ tokens: TokenResponse, now: Date, on response: inout Response) {
        let sessionSeconds = max(0, Int(tokens.sessionExpiresAt.timeIntervalSince(now)))
        response.setCookie(cookie(access, tokens.accessToken, maxAge: tokens.expiresIn, path: "/", httpOnly: true))
        response.setCookie(cookie(Self.refresh, tokens.refreshToken, maxAge: sessionSeconds, path: refreshPath, httpOnly: true))
        response.setCookie(cookie(Self.csrf, csrfToken(session: tokens.sessionID), maxAge: sessionSeconds, path: "/", httpOnly: false))
    }

    /// Expires the three cookies (logout).
    func clear(on response: inout Response) {
        response.setCookie(cookie(access, "", maxAge: 0, path: "/", httpOnly: true))
        response.setCookie(cookie(Self.refresh, "", maxAge: 0, path: refreshPath, httpOnly: true))
        response.setCookie(cookie(Self.csrf, "", maxAge: 0, path: "/", httpOnly: false))
    }

    /// Whether the request may act by cookie for `session`: safe methods always; unsafe ones only
    /// with an `X-CSRF-Token` equal to the session's CSRF token (compared in constant time).
    func passesCSRF(_ request: Request, session: UUID) -> Bool {
        switch request.method {
        case .get, .head, .options: return true
        default: break
        }
        guard let header = request.headers[Self.csrfHeader], !header.isEmpty else { return false }
        return SHA256.hash(data: Array(header.utf8)) == SHA256.hash(data: Array(csrfToken(session: session).utf8))
    }

    /// 403 for a cookie-authenticated unsafe request without the CSRF echo.
    static let csrfFailure = APIError(
        status: .forbidden, code: APIError.csrfFailedCode,
        detail: "Requests authenticated by cookie must send the loom_csrf cookie's value (set with the session's cookies) in X-CSRF-Token.")

    private func cookie(_ name: String, _ value: String, maxAge: Int, path: String, httpOnly: Bool) -> Cookie {
        Cookie(name: name, value: value, maxAge: maxAge, path: path, secure: secure, httpOnly: httpOnly, sameSite: sameSite)
    }
}

/// `{"csrf_token": ...}`, the answer of `GET /csrf-token`.
struct CSRFTokenAnswer: JSONWritable {
    let token: String

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("csrf_token", token)
        writer.endObject()
    }
}
