/// The auth route family: every route the `Auth` module serves under `basePath + auth.path`,
/// selected by the app's `AuthContractOptions`.
///
/// `Auth` registers exactly `routes` (its handler for each operation is an exhaustive switch)
/// and the OpenAPI builder documents exactly `routes`; nothing else decides which auth routes
/// an app has.
public struct AuthContract: Sendable {
    /// The `message` of a token answer, where the app lists it (`auth.tokens.responseMembers`):
    /// what the server writes and the document states.
    public static let authenticatedMessage = "Authentication successful."

    /// The app's auth facts.
    public let options: AuthContractOptions
    /// The request bodies.
    public let bodies: AuthRequestBodies

    /// Creates the family of an app.
    public init(options: AuthContractOptions) {
        self.options = options
        self.bodies = AuthRequestBodies(options: options)
    }

    /// Every route of the app, in registration order, laid out: at their complete paths (the
    /// prefix and declared path, or the app's `auth.routes`), switched-off ones left out,
    /// members spelled in the app's style.
    public var routes: [ContractRoute<AuthOperation>] {
        options.layout.apply(declaredRoutes)
    }

    /// Every route as declared here, paths relative to the prefix, members in Loom's names.
    public var declaredRoutes: [ContractRoute<AuthOperation>] {
        accountRoutes + apiKeyExchangeRoutes + sessionRoutes + organizationRoutes + oauthRoutes + organizationBindingRoutes + apiKeyRoutes
            + accountAdminRoutes
    }

    /// A route of this family; auth routes answer 500 and 503 like every route that uses the
    /// database, and document their path parameters.
    /// Name of the current session's schema component (`GET /session`).
    public static let currentSessionSchema = "AuthCurrentSession"

    func route(
        _ operation: AuthOperation, _ method: ContractMethod, _ path: String, summary: String, description: String,
        request: ContractBody? = nil, requestOptional: Bool = false, responses: [ContractResponse],
        credentials: ContractCredentials = .userToken, errors: Set<ContractError> = [], query: [ContractParameter] = []
    ) -> ContractRoute<AuthOperation> {
        ContractRoute(
            operation, method, path, summary: summary, description: description, request: request, requestOptional: requestOptional,
            responses: responses, credentials: credentials, errors: errors, implied: ContractError.serverErrors,
            parameters: ContractParameter.resourceIDs(in: path) { name in
                ContractParameter(name, in: .path, .uuid, "Id of the \(name.replacingUnderscores()).")
            } + query)
    }

    /// `status` with a JSON body described by the component `schema`.
    static func json(_ status: Int, _ schema: String, _ description: String = "Success.") -> [ContractResponse] {
        [ContractResponse(status, .json(schema), description)]
    }

    /// A token answer (`AuthTokens`) with `status`: it starts (or continues) a session, so it
    /// links its `session_id` to the operations that end and extend that session.
    func sessionStarted(_ status: Int, _ description: String = "Success.") -> [ContractResponse] {
        guard options.tokenResponseMembers.contains("session_id") else { return Self.json(status, "AuthTokens", description) }
        let links = [("revokeSession", AuthOperation.revokeSession), ("extendSession", AuthOperation.extendSession)].map {
            ContractLink(name: $0.0, operationID: $0.1.rawValue, parameter: "id", member: "session_id")
        }
        return [ContractResponse(status, .json("AuthTokens"), description, links: links)]
    }

    /// `status` with no body.
    static func done(_ status: Int = 204) -> [ContractResponse] {
        [ContractResponse(status, .empty, "Done.")]
    }
}

extension String {
    /// `user_id` → `user id`, for descriptions (no Foundation in this target).
    func replacingUnderscores() -> String { String(map { $0 == "_" ? " " : $0 }) }
}
