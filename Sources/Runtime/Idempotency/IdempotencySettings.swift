import APIContract

/// An app's `idempotency` section as the runtime uses it: how long answers are kept, which
/// covered operations refuse a request without a key, and how long a claim may stay unfinished.
public struct IdempotencySettings: Sendable, Hashable {
    /// How long a stored answer is replayed, in seconds (24 hours by default).
    public let retentionSeconds: Int
    /// Which covered operations require the key (`IdempotentOperation`); shared with the generator.
    public let coverage: IdempotencyCoverage
    /// How long a claim whose request has not finished holds its key, in seconds. A claim older
    /// than this is abandoned (its server died): the next request with the key takes it over,
    /// and the first request's write, should it still come, fails instead of writing twice.
    public let claimTimeoutSeconds: Int
    /// How often the purge deletes expired records, in seconds.
    public let purgeIntervalSeconds: Int

    /// Creates the settings; the defaults are the IETF draft's usual 24 hours.
    public init(
        retentionSeconds: Int = 86_400, requiredFor: Set<IdempotentOperation> = [], claimTimeoutSeconds: Int = 60,
        purgeIntervalSeconds: Int = 3_600
    ) {
        self.retentionSeconds = retentionSeconds
        self.coverage = IdempotencyCoverage(requiredTableOperations: requiredFor)
        self.claimTimeoutSeconds = claimTimeoutSeconds
        self.purgeIntervalSeconds = purgeIntervalSeconds
    }
}
