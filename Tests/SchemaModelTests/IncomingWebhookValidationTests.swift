import Testing

@testable import SchemaModel

@Suite("Incoming webhook declarations")
struct IncomingWebhookValidationTests {
    private static let file = "Schemas/tasks/endpoints/receive_push.json"
    private static let body = #""requestBody": {"description": "The message.", "fields": {"ref": {"type": "string", "description": "Ref."}}}"#

    private func diagnostics(_ members: String) -> [Diagnostic] {
        TestSchemas.diagnostics(TestSchemas.files(TestSchemas.endpoint("receive_push", members)))
    }

    @Test("a complete declaration on a POST with a body and an empty 200 passes")
    func valid() {
        for webhook in [
            #"{"scheme": "github", "secretEnv": "GITHUB_WEBHOOK_SECRET"}"#,
            #"{"scheme": "standard-webhooks", "secretEnv": "INBOUND_SECRET", "toleranceSeconds": 600}"#,
            #"{"scheme": "stripe", "secretEnv": "STRIPE_WEBHOOK_SECRET"}"#,
            #"{"scheme": "hmac-sha256", "secretEnv": "PARTNER_SECRET", "header": "X-Partner-Signature"}"#,
        ] {
            let result = diagnostics(#""method": "POST", "path": "/push", "webhook": \#(webhook), \#(Self.body), "response": {"description": "Received."}"#)
            #expect(result.isEmpty, "\(webhook): \(render(result))")
        }
    }

    @Test("an unknown scheme names the known ones")
    func unknownScheme() {
        let result = diagnostics(
            #""method": "POST", "path": "/push", "webhook": {"scheme": "gitlab", "secretEnv": "S"}, \#(Self.body), "response": {"description": "R."}"#)
        expectDiagnostic(result, code: "unknown-value", file: Self.file, path: "webhook.scheme", contains: "standard-webhooks")
    }

    @Test("secretEnv is required and must name an environment variable")
    func secretEnv() {
        let missing = diagnostics(#""method": "POST", "path": "/push", "webhook": {"scheme": "github"}, \#(Self.body), "response": {"description": "R."}"#)
        expectDiagnostic(missing, code: "missing-key", file: Self.file, path: "webhook.secretEnv", contains: "secretEnv")
        let malformed = diagnostics(
            #""method": "POST", "path": "/push", "webhook": {"scheme": "github", "secretEnv": "my secret"}, \#(Self.body), "response": {"description": "R."}"#)
        expectDiagnostic(
            malformed, code: "invalid-incoming-webhook", file: Self.file, path: "webhook.secretEnv", contains: "must name an environment variable")
    }

    @Test("the tolerance is 1 to 3600 seconds, and only for schemes with a timestamp")
    func tolerance() {
        let tooLong = diagnostics(
            #""method": "POST", "path": "/push", "webhook": {"scheme": "stripe", "secretEnv": "S", "toleranceSeconds": 86400}, \#(Self.body), "response": {"description": "R."}"#)
        expectDiagnostic(tooLong, code: "invalid-incoming-webhook", file: Self.file, path: "webhook.toleranceSeconds", contains: "must be 1 to 3600")
        let zero = diagnostics(
            #""method": "POST", "path": "/push", "webhook": {"scheme": "standard-webhooks", "secretEnv": "S", "toleranceSeconds": 0}, \#(Self.body), "response": {"description": "R."}"#)
        expectDiagnostic(zero, code: "invalid-incoming-webhook", file: Self.file, path: "webhook.toleranceSeconds", contains: "found 0")
        let github = diagnostics(
            #""method": "POST", "path": "/push", "webhook": {"scheme": "github", "secretEnv": "S", "toleranceSeconds": 300}, \#(Self.body), "response": {"description": "R."}"#)
        expectDiagnostic(github, code: "invalid-incoming-webhook", file: Self.file, path: "webhook.toleranceSeconds", contains: "signs no timestamp")
    }

    @Test("a header is for hmac-sha256 only, and must be a header name")
    func header() {
        let github = diagnostics(
            #""method": "POST", "path": "/push", "webhook": {"scheme": "github", "secretEnv": "S", "header": "X-Sig"}, \#(Self.body), "response": {"description": "R."}"#)
        expectDiagnostic(github, code: "invalid-incoming-webhook", file: Self.file, path: "webhook.header", contains: "it is for hmac-sha256")
        let bad = diagnostics(
            #""method": "POST", "path": "/push", "webhook": {"scheme": "hmac-sha256", "secretEnv": "S", "header": "X Sig"}, \#(Self.body), "response": {"description": "R."}"#)
        expectDiagnostic(bad, code: "invalid-incoming-webhook", file: Self.file, path: "webhook.header", contains: "is not an HTTP header name")
    }

    @Test("a webhook on a GET (or without a body), with idempotency or with response fields is refused")
    func endpointShape() {
        let get = diagnostics(#""method": "GET", "path": "/push", "webhook": {"scheme": "github", "secretEnv": "S"}, "response": {"description": "R."}"#)
        expectDiagnostic(get, code: "invalid-incoming-webhook", file: Self.file, path: "webhook", contains: "use \"method\": \"POST\"")
        let answer = diagnostics(
            #""method": "POST", "path": "/push", "webhook": {"scheme": "github", "secretEnv": "S"}, \#(Self.body), "response": {"status": 201, "description": "R.", "fields": {"ok": {"type": "boolean", "description": "Ok.", "required": true}}}"#)
        expectDiagnostic(answer, code: "invalid-incoming-webhook", file: Self.file, path: "response", contains: "answers 200 with an empty object")
    }
}
