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

    /// The one entry is not a documentation gap but a runtime bug owned elsewhere: for bound
    /// credentials `IdentityResponse` writes `organization_id` twice (issue 12, item 8, fixed on
    /// engineer B's branch). The document already describes the single member; delete this entry
    /// when that fix merges, and the checker then also holds `/identity` to its schema.
    static let allowed: [Allowance] = [
        Allowance(
            operation: "authIdentity", text: #"duplicate key "organization_id""#,
            reason: "IdentityResponse writes organization_id twice for bound credentials (issue 12, item 8)"),
    ]
}
