import AsyncHTTPClient
import Crypto
import Foundation
import Hummingbird
import Logging
import NIOCore

/// A small OAuth 2.0 provider on 127.0.0.1 for the OAuth tests: `/authorize` redirects back
/// with a code bound to the PKCE challenge and redirect URI, `/token` checks the client secret,
/// the code, the redirect URI and the S256 verifier, `/userinfo` and `/user/emails` describe
/// the user the test chose. Never a real provider.
final class FakeOAuthProvider: Sendable {
    /// The user the provider signs in next.
    struct User: Sendable {
        var id: String
        var email: String?
        var emailVerified: Bool
        var name: String
        /// GitHub-style address list for `/user/emails`.
        var addresses: [(email: String, primary: Bool, verified: Bool)] = []
    }

    /// The credentials the fake accepts.
    static let clientID = "fake-client-id"
    static let clientSecret = "fake-client-secret-do-not-log"

    private let state: FakeOAuthState
    /// The port it listens on.
    let port: Int

    private init(port: Int, state: FakeOAuthState) {
        self.port = port
        self.state = state
    }

    /// `http://127.0.0.1:<port>`.
    var origin: String { "http://127.0.0.1:\(port)" }

    /// Chooses the user of the next sign-in.
    func signInNext(_ user: User) async { await state.setUser(user) }

    /// Makes `/token` answer 503 (a provider outage).
    func failTokenEndpoint(_ failing: Bool) async { await state.setFailing(failing) }

    /// Its shutdown by cancellation is logged as errors by Hummingbird; the tests do not care.
    private static var quietLogger: Logger {
        var logger = Logger(label: "fake-oauth-provider")
        logger.logLevel = .critical
        return logger
    }

    /// Runs `body` with a provider listening on 127.0.0.1, stopped afterwards.
    static func run(_ body: @Sendable (FakeOAuthProvider) async throws -> Void) async throws {
        let state = FakeOAuthState()
        let router = Router()
        router.get("/authorize") { request, _ in await authorize(request, state: state) }
        router.post("/token") { request, _ in try await token(request, state: state) }
        router.get("/userinfo") { request, _ in await userInfo(request, state: state, emails: false) }
        router.get("/user/emails") { request, _ in await userInfo(request, state: state, emails: true) }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let application = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: quietLogger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await application.runService() }
            var iterator = ports.makeAsyncIterator()
            let port = await iterator.next() ?? 0
            let provider = FakeOAuthProvider(port: port, state: state)
            do {
                try await body(provider)
            } catch {
                group.cancelAll()
                throw error
            }
            group.cancelAll()
        }
    }

    private static func authorize(_ request: Request, state: FakeOAuthState) async -> Response {
        let query = request.uri.queryParameters
        guard query.get("client_id") == clientID, query.get("response_type") == "code",
            query.get("code_challenge_method") == "S256", let challenge = query.get("code_challenge"),
            let redirectURI = query.get("redirect_uri"), let stateText = query.get("state")
        else { return Response(status: .badRequest) }
        let code = UUID().uuidString
        await state.issue(code: code, challenge: challenge, redirectURI: redirectURI)
        let location = redirectURI + "?code=\(code)&state=\(stateText)"
        return Response(status: .found, headers: [.location: location])
    }

    private static func token(_ request: Request, state: FakeOAuthState) async throws -> Response {
        if await state.failing { return Response(status: .serviceUnavailable) }
        let body = try await request.body.collect(upTo: 1 << 16)
        var form: [String: String] = [:]
        for pair in String(buffer: body).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).removingPercentEncoding ?? "" }
            if parts.count == 2 { form[parts[0]] = parts[1] }
        }
        guard form["client_id"] == clientID, form["client_secret"] == clientSecret else {
            return json(#"{"error": "invalid_client"}"#, status: .unauthorized)
        }
        guard form["grant_type"] == "authorization_code", let code = form["code"], let verifier = form["code_verifier"],
            let token = await state.redeem(code: code, verifier: verifier, redirectURI: form["redirect_uri"] ?? "")
        else { return json(#"{"error": "invalid_grant"}"#, status: .badRequest) }
        return json(#"{"access_token": "\#(token)", "token_type": "bearer", "scope": "email"}"#, status: .ok)
    }

    private static func userInfo(_ request: Request, state: FakeOAuthState, emails: Bool) async -> Response {
        let header = request.headers[.authorization] ?? ""
        guard header.hasPrefix("Bearer "), let user = await state.user(forToken: String(header.dropFirst(7))) else {
            return json(#"{"message": "Bad credentials"}"#, status: .unauthorized)
        }
        let object: Any
        if emails {
            object = user.addresses.map { ["email": $0.email, "primary": $0.primary, "verified": $0.verified] as [String: Any] }
        } else {
            var info: [String: Any] = [
                "id": Int(user.id) ?? 0, "sub": user.id, "name": user.name, "email_verified": user.emailVerified,
                "profile": ["uid": "custom-" + user.id, "mail": user.email ?? NSNull(), "confirmed": user.emailVerified],
            ]
            info["email"] = user.email ?? NSNull()
            object = info
        }
        let data = (try? JSONSerialization.data(withJSONObject: object)) ?? Data()
        return json(String(decoding: data, as: UTF8.self), status: .ok)
    }

    private static func json(_ text: String, status: HTTPResponse.Status) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}

/// What the fake provider remembers: the user to sign in, issued codes and tokens.
actor FakeOAuthState {
    private var nextUser = FakeOAuthProvider.User(id: "1", email: nil, emailVerified: false, name: "")
    private var codes: [String: (challenge: String, redirectURI: String, user: FakeOAuthProvider.User)] = [:]
    private var tokens: [String: FakeOAuthProvider.User] = [:]
    private(set) var failing = false

    func setUser(_ user: FakeOAuthProvider.User) { nextUser = user }
    func setFailing(_ value: Bool) { failing = value }

    func issue(code: String, challenge: String, redirectURI: String) {
        codes[code] = (challenge, redirectURI, nextUser)
    }

    /// A token for a code used once, with the verifier matching its S256 challenge.
    func redeem(code: String, verifier: String, redirectURI: String) -> String? {
        guard let entry = codes.removeValue(forKey: code), entry.redirectURI == redirectURI else { return nil }
        let digest = Data(SHA256.hash(data: Data(verifier.utf8))).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        guard digest == entry.challenge else { return nil }
        let token = UUID().uuidString
        tokens[token] = entry.user
        return token
    }

    func user(forToken token: String) -> FakeOAuthProvider.User? { tokens[token] }
}
