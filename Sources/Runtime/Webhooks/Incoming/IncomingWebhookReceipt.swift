import Foundation
import NIOConcurrencyHelpers

/// One verified message's id on its way into `loom_webhook_receipts`. The route puts it in the
/// handler's context; `RecordWriter` adds its insert to the first write plan of the handler that
/// commits, so the id is recorded exactly when the handler's effects are. If the id is already
/// there (another instance handled the same message meanwhile) that write is rolled back
/// (`IncomingWebhookDuplicate`) and the sender gets the duplicate's 200.
public final class IncomingWebhookReceipt: Sendable {
    /// The endpoint.
    let endpoint: String
    /// The message id.
    let messageID: String
    /// When the message arrived.
    let receivedAt: Date
    /// Whether a committed plan carried the insert.
    private let recorded = NIOLockedValueBox(false)

    init(endpoint: String, messageID: String, receivedAt: Date) {
        self.endpoint = endpoint
        self.messageID = messageID
        self.receivedAt = receivedAt
    }

    /// Whether the id is recorded by a committed write of this request.
    var isRecorded: Bool { recorded.withLockedValue { $0 } }

    /// Adds the insert to `plan` unless a committed write already carried it, then a check that
    /// it inserted (no row: the message was handled elsewhere, the plan is abandoned).
    func record(in plan: inout WritePlan, dialect: SQLDialect) {
        guard !isRecorded else { return }
        let insert = plan.add(
            IncomingWebhookReceipts.insert(endpoint: endpoint, messageID: messageID, receivedAt: receivedAt, dialect: dialect))
        plan.derive { results in
            if results.first(insert)?.changes == 0 { throw IncomingWebhookDuplicate() }
            return []
        }
    }

    /// Records that a plan `record` was added to committed.
    func committed() {
        recorded.withLockedValue { $0 = true }
    }
}

/// The message's id was recorded by another request while this one ran: its writes are rolled
/// back and the sender is answered as for any repeated message.
struct IncomingWebhookDuplicate: Error {}
