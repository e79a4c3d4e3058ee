import Foundation

/// The delivery's notion of now, which tests move to check retry schedules without waiting.
public struct WebhookClock: Sendable {
    /// The current time.
    public let now: @Sendable () -> Date

    /// The system clock.
    public static let system = WebhookClock { Date() }

    /// Creates a clock.
    public init(now: @escaping @Sendable () -> Date) {
        self.now = now
    }

    /// `date` as whole milliseconds since 1970, as the outbox tables store times.
    public static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
    }
}
