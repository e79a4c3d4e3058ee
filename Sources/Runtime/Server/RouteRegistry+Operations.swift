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
    /// the app's standard one. `webhook` (the endpoint's `webhook` declaration) verifies the
    /// sender's signature over the raw body before anything else and answers a message id seen
    /// before without calling `handle` (`IncomingWebhookGate`).
    public mutating func addOperation(
        method: String, path: String, pathRules: [FieldRule], queryRules: [FieldRule], bodyRules: [FieldRule]?,
        status: Int, requirement: AccessRequirement = .everyone, idempotency: IdempotencyRequirement? = nil,
        budget: Duration? = nil, webhook: IncomingWebhook? = nil,
        handle: @escaping @Sendable (_ parameters: ValidatedObject, _ body: ValidatedObject?, _ context: HandlerContext) async throws -> (any JSONWritable)?
    ) {
        let contexts = handlerContexts
        let maxBodyBytes = settings.maxBodyBytes
        let responseStatus = HTTPResponse.Status(code: status)
        if settings.idempotency != nil, let idempotency, let method = HTTPRequest.Method(method) {
            idempotentRoutes[IdempotencyMiddleware.routeKey(method, path)] = idempotency
        }
        let gate = webhook.map { IncomingWebhookGate(webhook: $0, secrets: incomingWebhookSecrets, database: database) }
        add(HTTPRequest.Method(method)!, path, budget: budget) { request, context in
            try context.authorize(requirement)
            var request = request
            var receipt: IncomingWebhookReceipt?
            if let gate {
                switch try await gate.admit(&request, limit: maxBodyBytes, logger: context.logger) {
                case .repeated: return IncomingWebhookGate.repeatedAnswer
                case .new(let messageReceipt): receipt = messageReceipt
                }
            }
            let parameters = try ParameterDecoder.parameters(
                path: { context.parameters.get($0) }, query: request.uri, pathRules: pathRules, queryRules: queryRules)
            var body: ValidatedObject?
            if let bodyRules {
                let json = try await RequestBody.json(request, limit: maxBodyBytes)
                body = try InputValidator.validate(body: json, rules: bodyRules, mode: .body)
            }
            var handlerContext = contexts.make(context)
            handlerContext.webhookReceipt = receipt
            let output: (any JSONWritable)?
            do {
                output = try await handle(parameters, body, handlerContext)
            } catch is IncomingWebhookDuplicate {
                return IncomingWebhookGate.repeatedAnswer
            }
            if let gate, let receipt { await gate.recordAfterHandler(receipt, logger: context.logger) }
            guard let output, responseStatus != .noContent else { return Response(status: responseStatus) }
            return JSONResponse.make(status: responseStatus, value: output)
        }
    }
}
