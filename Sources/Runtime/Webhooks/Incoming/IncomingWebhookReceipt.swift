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
    /// Whether the plan being written carries the insert, and whether a committed one did.
    private let state = NIOLockedValueBox((planned: false, recorded: false))

    init(endpoint: String, messageID: String, receivedAt: Date) {
        self.endpoint = endpoint
        self.messageID = messageID
        self.receivedAt = receivedAt
    }

    /// Whether the id is recorded by a committed write of this request.
    var isRecorded: Bool { state.withLockedValue { $0.recorded } }

    /// Adds the insert to `plan` unless a committed write already carried it, when `wrote` says
    /// the plan changed a row (a guarded update that matched nothing records nothing), then a
    /// check that it inserted (no row: the message was handled elsewhere, the plan is abandoned).
    func record(in plan: inout WritePlan, dialect: SQLDialect, wrote: @escaping @Sendable (WriteResults) -> Bool = { _ in true }) {
        guard !isRecorded else { return }
        let statement = IncomingWebhookReceipts.insert(endpoint: endpoint, messageID: messageID, receivedAt: receivedAt, dialect: dialect)
        let state = self.state
        let insert = plan.derive { results in
            guard wrote(results) else { return [] }
            state.withLockedValue { $0.planned = true }
            return [statement]
        }
        plan.derive { results in
            if results.first(insert)?.changes == 0 { throw IncomingWebhookDuplicate() }
            return []
        }
    }

    /// Records that a plan `record` was added to committed: the id is recorded if it carried the insert.
    func committed() {
        state.withLockedValue { state in
            if state.planned { state.recorded = true }
            state.planned = false
        }
    }

    /// Forgets the insert of a plan that did not commit.
    func abandoned() {
        state.withLockedValue { $0.planned = false }
    }
}

/// The message's id was recorded by another request while this one ran: its writes are rolled
/// back and the sender is answered as for any repeated message.
struct IncomingWebhookDuplicate: Error {}
