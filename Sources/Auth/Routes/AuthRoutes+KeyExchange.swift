import Foundation
import Hummingbird
import Runtime
import ValueFormats

extension AuthRoutes {
    /// `POST /apikey` (`auth.routes.exchangeAPIKey`) → 200 with the tokens of a new session of
    /// the key's creator and, in cookie mode, its cookies, as a login answers. The key comes as
    /// `api_key` in the body or in the API key header (then the authentication middleware has
    /// checked it already, allowed addresses included); 401 for an unknown, revoked or expired
    /// key or a disabled creator, 403 for a service's key or one bound to an organization or
    /// project (a session of the person alone would drop that binding).
    func exchangeAPIKey(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        let body = try await decodeBody(request, bodies.apiKeyExchange)
        let identity: Identity
        if let text = try body.optionalString("api_key") {
            switch try await service.authenticate(apiKey: text, context: context) {
            case .authenticated(let keyIdentity): identity = keyIdentity
            case .rejected(let error): throw error
            case .anonymous: throw APIError.invalidCredentials()
            }
        } else if let caller = context.identity, request.headers[service.apiKeyHeader] != nil {
            identity = caller
        } else {
            var missing = APIError.unauthenticated
            missing.detail = "Send the API key as api_key or in \(service.apiKeyHeader.rawName)."
            throw missing
        }
        guard identity.kind == "api_key", identity.organizationID == nil, identity.projectID == nil else {
            throw APIError.forbidden("Only a person's own API key, bound to no organization or project, is exchanged for a session.")
        }
        guard let userID = identity.userID.flatMap(ValueFormats.uuid), let user = try await users.find(id: userID),
            user.status == UserRecord.active
        else { throw APIError.invalidCredentials() }
        let now = service.clock()
        let tokens = try await startSession(
            for: user, expiresAt: nil, leading: [], action: "apikey_exchange", request: request, context: context, now: now)
        return tokenResponse(tokens, status: .ok, now: now, request: request)
    }
}
