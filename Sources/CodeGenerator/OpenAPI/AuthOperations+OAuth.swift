import OpenAPIKit
import SchemaModel

/// The OAuth sign-in routes (`auth.oauth`): the start, which redirects to the provider, and
/// the callback, which signs the user in.
extension AuthOperations {
    /// Both routes, or none when the app declares no OAuth providers.
    func oauthRoutes() -> [DocumentedRoute] {
        guard let oauth = auth.oauth else { return [] }
        let names = oauth.providers.map(\.name)
        let errors = ErrorComponents(format: context.config.errorFormat)
        let errorContent = [errors.contentType: OpenAPI.Content(schemaReference: .component(named: errors.bodySchemaName))]
        let badGateway = ResponseFactory.response(
            "The provider could not be reached, timed out or answered something unusable (`OAUTH_PROVIDER_ERROR`).", content: errorContent)
        let location = OpenAPI.Header(
            schema: SchemaFactory.string("Where the browser goes next.", format: .uri), description: "Redirect target.", required: true)
        let provider = OpenAPI.Parameter(
            name: "provider",
            context: .path(schema: .string(allowedValues: names.map { AnyCodable($0) })),
            description: "The provider: \(names.joined(separator: ", ")). One whose client id or secret variable is unset answers 404.")

        var startResponses = ResponseFactory.map(success: [], errors: [.badRequest, .notFound, .internalError, .serviceUnavailable])
        startResponses[.status(code: 302)] = .response(ResponseFactory.response(
            "Redirect to the provider's authorization page with `state`, `code_challenge` and `code_challenge_method=S256`.",
            extraHeaders: [("Location", location)]))
        let redirect = OpenAPI.Parameter(
            name: "redirect_to",
            context: .query(required: false, schema: SchemaFactory.string("An allowlisted client page.", format: .uri)),
            description: "Where the browser goes once signed in: exactly one of `auth.oauth.redirectAllowlist` "
                + "(\(oauth.redirectAllowlist.isEmpty ? "empty for this app" : oauth.redirectAllowlist.joined(separator: ", "))). "
                + "Needs cookie mode; tokens are never put in a URL. Anything else is 400.")
        let start = OpenAPI.Operation(
            tags: [Self.tag], summary: "Start an OAuth sign-in",
            description: "Records a single-use `state` and PKCE verifier (valid \(oauth.stateSeconds) s) and redirects to the provider.",
            operationId: "authOAuthStart", parameters: [.parameter(provider), .parameter(redirect)], responses: startResponses)

        let tokens = ResponseFactory.json("Signed in: the session's tokens, as `/login` answers.", schema: SchemaFactory.reference("AuthTokens"))
        let created = ResponseFactory.json("A new account was created and signed in.", schema: SchemaFactory.reference("AuthTokens"))
        var callbackResponses = ResponseFactory.map(
            success: [(200, tokens), (201, created)],
            errors: [.badRequest, .notFound, .conflict, .validationError, .internalError, .serviceUnavailable])
        callbackResponses[.status(code: 302)] = .response(ResponseFactory.response(
            "Cookie mode with a `redirect_to` given at the start: the session cookies are set and the browser goes there.",
            extraHeaders: [("Location", location)]))
        callbackResponses[.status(code: 403)] = .reference(.component(named: "Forbidden"))
        callbackResponses[.status(code: 502)] = .response(badGateway)
        var parameters: OpenAPI.Parameter.Array = [.parameter(provider)]
        for (name, description) in [
            ("code", "The authorization code."), ("state", "The state the start route sent."),
            ("error", "The provider's error code when the user did not authorize (400 `OAUTH_DENIED`)."),
        ] {
            parameters.append(.parameter(OpenAPI.Parameter(
                name: name, context: .query(required: false, schema: SchemaFactory.string(description)), description: description)))
        }
        let callback = OpenAPI.Operation(
            tags: [Self.tag], summary: "Finish an OAuth sign-in",
            description: "The provider redirects here. The `state` is used up (400 `OAUTH_INVALID_STATE` when unknown, used, expired "
                + "or for another provider), the code is exchanged with the PKCE verifier (400 `OAUTH_CODE_REJECTED` when the provider "
                + "refuses it), and the user info decides the account: an existing link; else the account with the same email, only when "
                + "the provider says the address is verified (409 `OAUTH_EMAIL_NOT_VERIFIED` otherwise); else a new account (201). "
                + "Banned or inactive accounts get 403.",
            operationId: "authOAuthCallback", parameters: parameters, responses: callbackResponses)

        let base = context.config.basePath + auth.path + "/oauth/{provider}"
        return [
            DocumentedRoute(path: base, method: .get, operation: start, file: context.config.file),
            DocumentedRoute(path: base + "/callback", method: .get, operation: callback, file: context.config.file),
        ]
    }
}
