/// The answers the checker lets through although they break the document.
///
/// Only what can never be documented belongs here, each entry with the reason. An entry that
/// no longer matches anything should be deleted.
extension ResponseChecker {
    /// One tolerated violation: of operation `operation`, a message containing `text`.
    struct Allowance: Sendable {
        /// The `operationId`.
        let operation: String
        /// Part of the violation's message.
        let text: String
        /// Why it cannot be documented.
        let reason: String

        /// Whether this entry tolerates `violation` of `operation`.
        func covers(_ violation: String, operation: String) -> Bool {
            operation == self.operation && violation.contains(text)
        }
    }

    /// Nothing is tolerated today: every answer of every server test is documented.
    static let allowed: [Allowance] = []
}
