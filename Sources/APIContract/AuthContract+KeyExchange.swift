/// `POST /apikey`: an API key exchanged for a session of its creator (stationthis's
/// `POST /api/v1/auth/apikey`), served only where `auth.routes.exchangeAPIKey` declares it.
extension AuthContract {
    /// The route, or none where the app does not declare it.
    var apiKeyExchangeRoutes: [ContractRoute<AuthOperation>] {
        guard options.layout.routes[AuthOperation.exchangeAPIKey.routeKey] != nil else { return [] }
        return [
            route(
                .exchangeAPIKey, .post, "/apikey", summary: "Exchange an API key for a session",
                description: "Starts a session of the key's creator, as a login does (in cookie mode: the session's cookies), "
                    + "for a live key of a person bound to no organization or project, sent as `api_key` or in `X-API-Key`. "
                    + "The session holds the creator's role, not the key's scopes: enable the route only where a key may stand "
                    + "for its person. An unknown, revoked or expired key, or a disabled creator, is 401; a service's key or a "
                    + "key bound to an organization or project is 403.",
                request: bodies.apiKeyExchange, requestOptional: true, responses: sessionStarted(200),
                credentials: .none, errors: [.validationError, .unauthorized, .forbidden])
        ]
    }
}

extension AuthRequestBodies {
    /// `POST /apikey`.
    public var apiKeyExchange: ContractBody {
        ContractBody("AuthAPIKeyExchangeRequest", [
            ContractField(
                "api_key", .string(pattern: nil), "The API key; required unless sent in `X-API-Key`.", nullable: true, maxLength: 512),
        ])
    }
}
