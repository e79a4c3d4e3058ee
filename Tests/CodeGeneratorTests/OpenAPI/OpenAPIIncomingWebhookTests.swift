import Testing

@testable import CodeGenerator
@testable import SchemaModel

/// An endpoint's `webhook` declaration documents its scheme's signature headers, the 401 and a
/// note; the generated route passes the declaration to the runtime.
@Suite("OpenAPI: incoming webhooks")
struct OpenAPIIncomingWebhookTests {
    private static let path = "/v1/projects/{id}/summary"

    private static func json(_ webhook: IncomingWebhookSchema) throws -> [String: Any] {
        var app = OpenAPIFixture.app()
        app.endpoints[0].webhook = webhook
        return try OpenAPIFixture.json(app)
    }

    private static func headers(_ json: [String: Any]) -> [String: Bool] {
        let parameters = openAPIValue(json, "paths", path, "post", "parameters") as? [[String: Any]] ?? []
        var headers: [String: Bool] = [:]
        for parameter in parameters where parameter["in"] as? String == "header" {
            headers[parameter["name"] as? String ?? ""] = parameter["required"] as? Bool ?? false
        }
        return headers
    }

    @Test("each scheme documents its headers and the 401; the tolerance appears where the scheme has a timestamp")
    func headersPerScheme() throws {
        let cases: [(IncomingWebhookSchema, [String: Bool])] = [
            (IncomingWebhookSchema(scheme: .standardWebhooks, secretEnv: "S"), ["webhook-id": true, "webhook-timestamp": true, "webhook-signature": true]),
            (IncomingWebhookSchema(scheme: .github, secretEnv: "S"), ["X-Hub-Signature-256": true, "X-GitHub-Delivery": false]),
            (IncomingWebhookSchema(scheme: .stripe, secretEnv: "S", toleranceSeconds: 120), ["Stripe-Signature": true]),
            (IncomingWebhookSchema(scheme: .hmacSHA256, secretEnv: "S", header: "X-Partner-Signature"), ["X-Partner-Signature": true]),
        ]
        for (webhook, expected) in cases {
            let json = try Self.json(webhook)
            #expect(Self.headers(json) == expected, "\(webhook.scheme)")
            let refusal = openAPIValue(json, "paths", Self.path, "post", "responses", "401", "description") as? String ?? ""
            #expect(refusal.contains("INVALID_CREDENTIALS"), "\(webhook.scheme)")
            #expect(refusal.contains("120 seconds") == (webhook.scheme == .stripe), "\(webhook.scheme)")
            let description = openAPIValue(json, "paths", Self.path, "post", "description") as? String ?? ""
            #expect(description.contains("Incoming webhook (\(webhook.scheme.rawValue))"))
        }
        #expect(Self.headers(try OpenAPIFixture.json(OpenAPIFixture.app())).isEmpty)
    }

    @Test("the route's declaration: scheme, variable, tolerance where it applies, header for hmac-sha256")
    func declarationExpression() {
        #expect(EndpointTranslator.webhookExpression(IncomingWebhookSchema(scheme: .standardWebhooks, secretEnv: "IN"), endpoint: "receive")
            == #"IncomingWebhook(endpoint: "receive", scheme: .standardWebhooks, secretVariable: "IN", toleranceSeconds: 300)"#)
        #expect(EndpointTranslator.webhookExpression(IncomingWebhookSchema(scheme: .github, secretEnv: "GH"), endpoint: "push")
            == #"IncomingWebhook(endpoint: "push", scheme: .github, secretVariable: "GH")"#)
        #expect(EndpointTranslator.webhookExpression(IncomingWebhookSchema(scheme: .hmacSHA256, secretEnv: "P"), endpoint: "partner")
            == #"IncomingWebhook(endpoint: "partner", scheme: .hmacSHA256, secretVariable: "P", header: "X-Signature")"#)
    }
}
