import Foundation
import Hummingbird
import Logging

/// What a webhook endpoint's route does before and after its handler: verify the signature over
/// the raw body, answer a message id seen before at once, and record the id of a handled message
/// that no store write recorded.
struct IncomingWebhookGate: Sendable {
    /// The verifier, or why the endpoint cannot verify (its secret is unset or malformed: every
    /// message is answered 503, which senders retry, and the error is logged; `serve` refuses
    /// to start in that state, so only an embedding that skips its check meets it).
    let verifier: Result<IncomingWebhookVerifier, IncomingWebhookConfigurationError>
    /// The endpoint's declaration.
    let webhook: IncomingWebhook
    /// Where seen ids are kept.
    let receipts: IncomingWebhookReceipts

    init(webhook: IncomingWebhook, secrets: [String: String], database: any DatabaseClient) {
        self.webhook = webhook
        self.receipts = IncomingWebhookReceipts(database: database)
        let secret = secrets[webhook.secretVariable]
        verifier = secret.map { secret in Result { () throws(IncomingWebhookConfigurationError) in try webhook.verifier(secret: secret) } }
            ?? .failure(IncomingWebhookConfigurationError(message: "\(webhook.secretVariable) is not set"))
    }

    /// What a verified message is.
    enum Admission {
        /// Its id was handled before.
        case repeated
        /// New (or without an id): the receipt to record with the handler's writes, if it has an id.
        case new(IncomingWebhookReceipt?)
    }

    /// Reads the body (413 past `limit`), leaving it in `request`, and verifies it; 401 when the
    /// signature or timestamp is wrong, 503 when the endpoint has no usable secret.
    func admit(_ request: inout Request, limit: Int, logger: Logger) async throws -> Admission {
        let verifier: IncomingWebhookVerifier
        switch self.verifier {
        case .success(let ready): verifier = ready
        case .failure(let error):
            logger.error("incoming webhook \(webhook.endpoint) cannot verify messages: \(error.message)")
            throw APIError.unavailable
        }
        let buffer = try await RequestBody.collect(&request, limit: limit)
        let bytes = buffer.getBytes(at: buffer.readerIndex, length: buffer.readableBytes) ?? []
        let message = try verifier.verify(headers: request.headers, body: bytes, now: Date())
        guard let id = message.id else { return .new(nil) }
        if try await receipts.contains(endpoint: webhook.endpoint, messageID: id) { return .repeated }
        return .new(IncomingWebhookReceipt(endpoint: webhook.endpoint, messageID: id, receivedAt: Date()))
    }

    /// Records `receipt` alone when no write of the handler carried it (a handler that wrote
    /// nothing, or only outside `store(_:)`). A failure is logged, not answered: the handler's
    /// effects are done, and a retried message would run it again.
    func recordAfterHandler(_ receipt: IncomingWebhookReceipt, logger: Logger) async {
        guard !receipt.isRecorded else { return }
        var plan = WritePlan()
        receipt.record(in: &plan, dialect: receipts.database.dialect)
        do {
            _ = try await receipts.database.write(plan)
            receipt.committed()
        } catch is IncomingWebhookDuplicate {
            return
        } catch {
            logger.error("incoming webhook \(webhook.endpoint): recording message \(receipt.messageID) failed: \(error)")
        }
    }

    /// The answer to a message handled before: 200 with the empty object a webhook endpoint answers.
    static var repeatedAnswer: Response { JSONResponse.make(status: .ok, bytes: Array("{}".utf8)) }
}
