import OpenAPIKit
import SchemaModel

/// What an endpoint's `webhook` declaration adds to its operation: the signature headers the
/// sender must send, the 401 the runtime answers when they do not verify, and a note on the
/// raw-body signature, the timestamp tolerance and repeated message ids.
struct IncomingWebhookDocumentation {
    /// The declaration.
    let webhook: IncomingWebhookSchema
    /// App-wide facts.
    let context: DocumentContext

    /// `operation` with the headers, the 401 and the note.
    func apply(to operation: OpenAPI.Operation) -> OpenAPI.Operation {
        var operation = operation
        for (name, required, description) in headers() {
            operation.parameters.append(.parameter(OpenAPI.Parameter(
                name: name, context: .header(required: required, schema: SchemaFactory.string(description)), description: description)))
        }
        let errors = ErrorComponents(config: context.config)
        let content = errors.content(.invalidCredentials, status: 401)
        let refused = ResponseFactory.response(
            "The webhook message is not accepted (`INVALID_CREDENTIALS`): a signature header is missing, no signature matches "
                + "the raw body" + (webhook.scheme.hasTimestamp ? ", or the signed timestamp is more than \(tolerance) seconds from the server's time" : "")
                + ". The handler did not run.",
            content: [errors.contentType: content])
        for status in context.errorStatuses.statuses(of: [(.invalidCredentials, 401)]) {
            operation.responses[.status(code: status)] = .response(refused)
        }
        let note = "Incoming webhook (\(webhook.scheme.rawValue)): the signature is verified over the raw body before anything "
            + "else (401 otherwise)" + (webhook.scheme.hasTimestamp ? ", with a tolerance of \(tolerance) seconds on the signed timestamp" : "")
            + "; " + (idNote ?? "the scheme carries no message id, so a repeated message runs the handler again") + "."
        operation.description = [operation.description, note].compactMap { $0 }.joined(separator: "\n\n")
        return operation
    }

    private var tolerance: Int { webhook.toleranceSeconds ?? IncomingWebhookSchema.defaultToleranceSeconds }

    private var idNote: String? {
        switch webhook.scheme {
        case .standardWebhooks: return "a `webhook-id` handled in the last 24 hours is answered 200 without running the handler again"
        case .github: return "an `X-GitHub-Delivery` handled in the last 24 hours is answered 200 without running the handler again"
        case .stripe: return "an event whose `id` was handled in the last 24 hours is answered 200 without running the handler again"
        case .hmacSHA256: return nil
        }
    }

    /// The scheme's headers: name, whether required, description.
    private func headers() -> [(String, Bool, String)] {
        switch webhook.scheme {
        case .standardWebhooks:
            return [
                ("webhook-id", true, "The message id (Standard Webhooks); a repeated id is not handled again."),
                ("webhook-timestamp", true, "Seconds since 1970 when the message was signed."),
                ("webhook-signature", true, "Space-separated `v1,<base64 HMAC-SHA256(secret, id.timestamp.body)>`; any match is accepted."),
            ]
        case .github:
            return [
                ("X-Hub-Signature-256", true, "`sha256=<hex HMAC-SHA256(secret, body)>` (GitHub)."),
                ("X-GitHub-Delivery", false, "The delivery id (GitHub); a repeated id is not handled again."),
            ]
        case .stripe:
            return [("Stripe-Signature", true, "`t=<seconds>,v1=<hex HMAC-SHA256(secret, t.body)>`, several `v1` allowed (Stripe).")]
        case .hmacSHA256:
            return [(webhook.header ?? IncomingWebhookSchema.defaultHeader, true, "`sha256=<hex HMAC-SHA256(secret, body)>`; several space-separated allowed.")]
        }
    }
}
