/// Who and when a usage row counts: a UTC day, the API key (empty when the credential is not
/// a key) and the organization (empty when the caller is bound to none).
struct UsageKey: Hashable, Sendable {
    /// Days since 1970-01-01, UTC.
    let day: Int
    let apiKeyID: String
    let organizationID: String
}

/// The counts of one usage row: requests, 4xx and 5xx answers, and the latency histogram's
/// bucket counts (`UsageHistogram`). Counts only add, so tallies of several flushes and
/// instances merge by addition.
struct UsageTally: Sendable, Equatable {
    var requests: Int64 = 0
    var clientErrors: Int64 = 0
    var serverErrors: Int64 = 0
    /// One count per `UsageHistogram` bucket; allocated once per row, updated in place.
    var buckets = [Int64](repeating: 0, count: UsageHistogram.bucketCount)

    /// Counts one answer with `status` in latency `bucket`.
    mutating func add(status: Int, bucket: Int) {
        requests += 1
        if status >= 500 {
            serverErrors += 1
        } else if status >= 400 {
            clientErrors += 1
        }
        buckets[bucket] += 1
    }

    /// Adds another tally of the same row.
    mutating func merge(_ other: UsageTally) {
        requests += other.requests
        clientErrors += other.clientErrors
        serverErrors += other.serverErrors
        for index in buckets.indices { buckets[index] += other.buckets[index] }
    }
}
