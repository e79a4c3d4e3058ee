/// The `idempotency` section of `app.json`: `POST` and `PATCH` of the app's tables (and custom
/// endpoints that say `"idempotency"`) accept an idempotency key header (`Idempotency-Key`,
/// renamed by `headers.idempotencyKey`); the first answer is kept with the key for the
/// retention, and a repeat gets it again instead of writing twice.
public struct IdempotencyConfig: Codable, Sendable, Hashable {
    /// Hours an answer is kept (the IETF draft's usual 24).
    public static let defaultRetentionHours = 24
    /// Seconds a claim whose request has not finished holds its key.
    public static let defaultClaimTimeoutSeconds = 60
    /// Seconds between two purges of expired records.
    public static let defaultPurgeIntervalSeconds = 3600

    /// `enabled`: `false` keeps the declaration but reads no key (default `true`).
    public var enabled: Bool
    /// `retentionHours`: how long an answer is replayed.
    public var retentionHours: Int
    /// `required`: the table operations that refuse a request without the key (400).
    public var required: [IdempotentTableOperation]
    /// `claimTimeoutSeconds`: after this, an unfinished claim (its server died) may be taken over.
    public var claimTimeoutSeconds: Int
    /// `purgeIntervalSeconds`: how often expired records are deleted.
    public var purgeIntervalSeconds: Int

    /// Creates the section with the defaults.
    public init(
        enabled: Bool = true, retentionHours: Int = IdempotencyConfig.defaultRetentionHours, required: [IdempotentTableOperation] = [],
        claimTimeoutSeconds: Int = IdempotencyConfig.defaultClaimTimeoutSeconds,
        purgeIntervalSeconds: Int = IdempotencyConfig.defaultPurgeIntervalSeconds
    ) {
        self.enabled = enabled
        self.retentionHours = retentionHours
        self.required = required
        self.claimTimeoutSeconds = claimTimeoutSeconds
        self.purgeIntervalSeconds = purgeIntervalSeconds
    }
}

/// A table operation an app's `idempotency` covers: every `POST` and `PATCH` a table serves.
/// (`APIContract.IdempotentOperation` names the same cases for the runtime; a generator test
/// holds the two in step.)
public enum IdempotentTableOperation: String, Codable, Sendable, Hashable, CaseIterable {
    /// `POST /<table>`.
    case create
    /// `PATCH /<table>/{id}`.
    case update
    /// `POST /<table>/batch`.
    case batch
    /// `POST /<table>/upsert`.
    case upsert
    /// `POST /<table>/{id}/restore`.
    case restore
}

/// An endpoint's `idempotency`: whether it accepts the key, and whether it requires it.
public enum EndpointIdempotency: String, Codable, Sendable, Hashable, CaseIterable {
    /// The key may be sent.
    case optional
    /// A request without the key is refused (400).
    case required
}
