import NIOConcurrencyHelpers

/// One request's hold on an idempotency key, from the claim (its own short transaction) to the
/// stored answer. `IdempotencyMiddleware` makes it and puts it in the request context;
/// `RecordWriter` adds its completion to every write plan of the request, so the answer (or, for
/// a custom endpoint, the mark that a write committed) is stored in the write's transaction.
public final class IdempotencyClaim: Sendable {
    /// Which record the claim holds.
    struct Identity: Sendable, Hashable {
        /// The credential the key belongs to (`api_key:<id>`, `user:<id>`, `ip:<address>`).
        let scope: String
        /// The client's key.
        let key: String
        /// A random value only this claim knows.
        let token: String
    }

    /// What the request's committed writes did to the record so far.
    enum Outcome: Sendable, Hashable {
        /// Nothing committed: the claim may be released.
        case pending
        /// A write committed and marked the record; its answer is still to be stored.
        case applied
        /// A write committed together with the answer.
        case answered
    }

    let identity: Identity
    let statements: IdempotencyStatements
    /// The key header's name, for the errors naming it.
    let headerName: String
    private let outcomes = NIOLockedValueBox<(planned: Outcome, committed: Outcome)>((.pending, .pending))

    init(identity: Identity, statements: IdempotencyStatements, headerName: String) {
        self.headerName = headerName
        self.identity = identity
        self.statements = statements
    }

    /// What committed writes did.
    var outcome: Outcome { outcomes.withLockedValue { $0.committed } }

    /// Adds to `plan` the completion of the claim: the answer `answer` renders from the plan's
    /// results when it renders one, else the `applied` mark when `wrote` says a row changed, else
    /// nothing; then a check that the record was still this claim's (a claim taken over after its
    /// timeout fails the write with 409 instead of writing twice).
    func complete(
        _ plan: inout WritePlan, wrote: @escaping @Sendable (WriteResults) -> Bool,
        answer: (@Sendable (WriteResults) throws -> IdempotentAnswer?)?
    ) {
        let (identity, statements, outcomes, headerName) = (self.identity, self.statements, self.outcomes, self.headerName)
        let completion = plan.derive { results in
            if let answer, let rendered = try answer(results) {
                outcomes.withLockedValue { $0.planned = .answered }
                return [statements.complete(identity, with: rendered)]
            }
            guard wrote(results) else { return [] }
            outcomes.withLockedValue { $0.planned = .applied }
            return [statements.markApplied(identity)]
        }
        plan.derive { results in
            for result in results[completion] where result.changes == 0 {
                outcomes.withLockedValue { $0.planned = $0.committed }
                throw IdempotencyError.claimLost(headerName: headerName)
            }
            return []
        }
    }

    /// Records that the plan `complete` was added to committed.
    func committed() {
        outcomes.withLockedValue { outcome in
            if outcome.committed != .answered { outcome.committed = outcome.planned }
        }
    }
}
