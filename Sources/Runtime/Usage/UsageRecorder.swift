import Foundation
import NIOCore
import Synchronization

/// Counts requests per API key, organization and UTC day in memory, for `UsageService` to add
/// to the database every few seconds: nothing is written per request.
///
/// `RequestObservationMiddleware` calls `record` once per request that reaches Hummingbird, and
/// the inline key-read path once per answer it writes (as its `InlineReadObserver`, with the
/// caller the authenticator found inline), so an authenticated read counts alike on both paths.
/// A request costs a clock read for the day, a scan of 14 bucket bounds, and one dictionary
/// update under a `Mutex` (the row is updated in place; only a row's first request of a flush
/// period allocates).
public final class UsageRecorder: InlineReadObserver {
    private let table = Mutex<[UsageKey: UsageTally]>([:])
    /// The clock (tests move it).
    let now: @Sendable () -> Date

    /// An empty recorder timed by `now`.
    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
    }

    /// Counts one answered request of `identity` with `status` that took `duration`; requests
    /// made with no API key by a caller bound to no organization are not counted.
    public func record(identity: Identity?, status: Int, duration: Duration) {
        guard let identity else { return }
        let key = Self.isKey(identity) ? identity.subject : ""
        let organization = identity.organizationID ?? ""
        if key.isEmpty, organization.isEmpty { return }
        let (seconds, attoseconds) = duration.components
        let bucket = UsageHistogram.bucket(nanoseconds: seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
        let row = UsageKey(day: CalendarDay.number(of: now()), apiKeyID: key, organizationID: organization)
        table.withLock { $0[row, default: UsageTally()].add(status: status, bucket: bucket) }
    }

    /// Counts an inline answer (a `200`) like `record` does a routed one.
    public func answered(_ answer: InlineReadAnswer) {
        guard let identity = answer.identity else { return }
        record(identity: identity, status: 200, duration: Duration.nanoseconds(answer.duration.nanoseconds))
    }

    /// Whether `identity` is an API key (a user's or a service's), whose subject is the key's id.
    static func isKey(_ identity: Identity) -> Bool {
        identity.kind == "api_key" || identity.kind == "service"
    }

    /// Takes the counts since the last take, leaving the recorder empty.
    func take() -> [UsageKey: UsageTally] {
        table.withLock { table in
            let taken = table
            table = [:]
            return taken
        }
    }

    /// Puts back counts that could not be written, so the next flush adds them.
    func restore(_ counts: [UsageKey: UsageTally]) {
        table.withLock { table in
            for (row, tally) in counts { table[row, default: UsageTally()].merge(tally) }
        }
    }
}
