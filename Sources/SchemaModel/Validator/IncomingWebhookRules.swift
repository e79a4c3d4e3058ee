/// Checks an endpoint's `webhook` declaration: the secret variable, the tolerance, the header,
/// and that the endpoint can receive a signed message (a body-carrying method, no credentials
/// of its own, no idempotency key, an answer the sender reads by its status alone).
enum IncomingWebhookRules {
    /// Runs the rules when the endpoint declares `webhook`.
    static func check(_ endpoint: EndpointSchema, in app: AppSchema, diagnostics: DiagnosticCollector) {
        guard let webhook = endpoint.webhook else { return }
        let file = endpoint.file
        func report(_ path: String, _ message: String) {
            diagnostics.error(.invalidIncomingWebhook, file: file, path: path, message)
        }
        if !AuthRules.isEnvironmentVariableName(webhook.secretEnv) {
            report(
                "webhook.secretEnv",
                "\"secretEnv\" must name an environment variable (A-Z, 0-9 and _), e.g. \"GITHUB_WEBHOOK_SECRET\"")
        }
        if let tolerance = webhook.toleranceSeconds {
            if !webhook.scheme.hasTimestamp {
                report(
                    "webhook.toleranceSeconds",
                    "the \(webhook.scheme.rawValue) scheme signs no timestamp; remove \"toleranceSeconds\" "
                        + "(or use standard-webhooks or stripe)")
            } else if !(1...IncomingWebhookSchema.maximumToleranceSeconds).contains(tolerance) {
                report(
                    "webhook.toleranceSeconds",
                    "\"toleranceSeconds\" must be 1 to \(IncomingWebhookSchema.maximumToleranceSeconds) (seen message ids are "
                        + "kept 24 hours, so a replay is refused either way), found \(tolerance); the usual value is 300")
            }
        }
        if let header = webhook.header {
            if webhook.scheme != .hmacSHA256 {
                report(
                    "webhook.header",
                    "the \(webhook.scheme.rawValue) scheme has fixed header names; remove \"header\" (it is for hmac-sha256)")
            } else if !NameRules.isHeaderName(header) {
                report("webhook.header", "\"\(header)\" is not an HTTP header name; use letters, digits and -, e.g. \"X-Signature\"")
            }
        }
        if EndpointRules.methodsWithoutBody.contains(endpoint.method) || endpoint.requestBody == nil {
            report(
                "webhook",
                "a webhook endpoint receives a signed body: use \"method\": \"POST\" (or PUT, PATCH) and declare \"requestBody\"")
        }
        if endpoint.idempotency != nil {
            report("idempotency", "a webhook endpoint is deduplicated by its message id; remove \"idempotency\"")
        }
        if app.config.auth != nil, let scope = endpoint.scope, scope != .everyone {
            report(
                "scope",
                "the sender of a webhook authenticates by its signature, not by the app's credentials; set \"scope\": \"public\"")
        }
        if endpoint.response.status != 200 || !endpoint.response.fields.isEmpty {
            report(
                "response",
                "a webhook endpoint answers 200 with an empty object (a repeated message gets the same answer without the "
                    + "handler); set \"status\": 200 and remove \"fields\"")
        }
    }
}
