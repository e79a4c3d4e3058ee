import APIContract
import Hummingbird

extension RouteRegistry {
    /// Adds a custom endpoint. The runtime parses and validates path and query parameters
    /// (400) and the JSON body (400/413/415/422) with the generated rules, then calls `handle`
    /// and answers `status` with its output (or an empty body for 204).
    ///
    /// Generated code stays free of HTTP framework types: it sees validated values only.
    /// `requirement` (apps with an `auth` section) is checked before anything is parsed.
    /// `idempotency` (the endpoint's opt-in) covers it with the app's `idempotency` section.
    /// `budget` is the endpoint's own time budget (`timeoutSeconds` of its schema), `nil` for
    /// the app's standard one.
    public mutating func addOperation(
        method: String, path: String, pathRules: [FieldRule], queryRules: [FieldRule], bodyRules: [FieldRule]?,
        status: Int, requirement: AccessRequirement = .everyone, idempotency: IdempotencyRequirement? = nil,
        budget: Duration? = nil,
        handle: @escaping @Sendable (_ parameters: ValidatedObject, _ body: ValidatedObject?, _ context: HandlerContext) async throws -> (any JSONWritable)?
    ) {
        let contexts = handlerContexts
        let maxBodyBytes = settings.maxBodyBytes
        let responseStatus = HTTPResponse.Status(code: status)
        if settings.idempotency != nil, let idempotency, let method = HTTPRequest.Method(method) {
            idempotentRoutes[IdempotencyMiddleware.routeKey(method, path)] = idempotency
        }
        add(HTTPRequest.Method(method)!, path, budget: budget) { request, context in
            try context.authorize(requirement)
            let parameters = try ParameterDecoder.parameters(
                path: { context.parameters.get($0) }, query: request.uri, pathRules: pathRules, queryRules: queryRules)
            var body: ValidatedObject?
            if let bodyRules {
                let json = try await RequestBody.json(request, limit: maxBodyBytes)
                body = try InputValidator.validate(body: json, rules: bodyRules, mode: .body)
            }
            let output = try await handle(parameters, body, contexts.make(context))
            guard let output, responseStatus != .noContent else { return Response(status: responseStatus) }
            return JSONResponse.make(status: responseStatus, value: output)
        }
    }
}
