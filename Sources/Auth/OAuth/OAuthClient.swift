import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import Runtime

/// The server-to-provider half of the flow: exchanging the code (with the PKCE verifier) for
/// an access token, then reading the user info. Non-blocking (AsyncHTTPClient on NIO's
/// event loops), with connect and overall time limits, no redirects followed.
struct OAuthClient: Sendable {
    /// One client for the process: AsyncHTTPClient pools connections per host. Never shut
    /// down (it lives as long as the process), like `HTTPClient.shared`, but with redirects off.
    static let http = HTTPClient(
        eventLoopGroupProvider: .singleton,
        configuration: HTTPClient.Configuration(
            redirectConfiguration: .disallow, timeout: .init(connect: .seconds(5), read: .seconds(10))))

    /// Longest a whole provider call may take.
    static let callTimeout = TimeAmount.seconds(15)
    /// Largest provider response read.
    static let maxResponseBytes = 1 << 20

    /// Exchanges `code` for the provider's access token. The client secret goes in the form
    /// body (`client_secret_post`, accepted by GitHub, Google and most providers).
    /// - Throws: `OAuthError` (400 when the provider refuses the code or verifier, 502 when it
    ///   cannot be reached or answers nonsense).
    func exchange(code: String, verifier: String, provider: OAuthProvider) async throws -> String {
        let form = [
            ("grant_type", "authorization_code"), ("code", code), ("redirect_uri", provider.redirectURI),
            ("client_id", provider.clientID), ("client_secret", provider.clientSecret), ("code_verifier", verifier),
        ]
        var request = HTTPClientRequest(url: provider.endpoints.token)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/x-www-form-urlencoded")
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "loom-server")
        request.body = .bytes(ByteBuffer(string: OAuthQuery.encode(form)))
        let (status, body) = try await send(request, provider: provider, step: "token")
        let object = body as? [String: Any]
        if let error = object?["error"] as? String {
            throw OAuthError.codeRejected(provider: provider.name, reason: error)
        }
        guard (200..<300).contains(status) else {
            if (400..<500).contains(status) { throw OAuthError.codeRejected(provider: provider.name, reason: "HTTP \(status)") }
            throw OAuthError.providerFailed(provider: provider.name, step: "token", reason: "HTTP \(status)")
        }
        guard let token = object?["access_token"] as? String, !token.isEmpty else {
            throw OAuthError.providerFailed(provider: provider.name, step: "token", reason: "no access_token in the answer")
        }
        return token
    }

    /// The user info object, plus GitHub's address list when the provider has an emails endpoint.
    func userInfo(accessToken: String, provider: OAuthProvider) async throws -> OAuthUserInfo {
        let (status, body) = try await send(get(provider.endpoints.userInfo, accessToken: accessToken), provider: provider, step: "userinfo")
        guard (200..<300).contains(status), let object = body as? [String: Any] else {
            throw OAuthError.providerFailed(provider: provider.name, step: "userinfo", reason: "HTTP \(status) or not a JSON object")
        }
        var addresses: [[String: Any]]?
        if let emails = provider.endpoints.emails {
            let (status, body) = try await send(get(emails, accessToken: accessToken), provider: provider, step: "emails")
            guard (200..<300).contains(status), let list = body as? [[String: Any]] else {
                throw OAuthError.providerFailed(provider: provider.name, step: "emails", reason: "HTTP \(status) or not a JSON array")
            }
            addresses = list
        }
        return try OAuthUserInfo(object: object, addresses: addresses, fields: provider.fields, provider: provider.name)
    }

    private func get(_ url: String, accessToken: String) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Authorization", value: "Bearer \(accessToken)")
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "loom-server")
        return request
    }

    /// Sends `request` and parses the JSON answer (`nil` when it is not JSON); any transport
    /// failure or time-out becomes a 502 naming the provider and the step, never the request.
    private func send(_ request: HTTPClientRequest, provider: OAuthProvider, step: String) async throws -> (Int, Any?) {
        do {
            let response = try await Self.http.execute(request, timeout: Self.callTimeout)
            let bytes = try await response.body.collect(upTo: Self.maxResponseBytes)
            let json = try? JSONSerialization.jsonObject(with: Data(bytes.readableBytesView), options: [])
            return (Int(response.status.code), json)
        } catch {
            throw OAuthError.providerFailed(provider: provider.name, step: step, reason: String(describing: type(of: error)))
        }
    }
}
