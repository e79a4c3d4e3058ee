import Foundation
import Runtime

/// When a failed delivery is tried again: the app's schedule (5 s, 5 min, 30 min, 2 h, 5 h,
/// 10 h, 10 h by default) with each wait varied by up to ±`jitterPercent`, or the receiver's
/// `Retry-After` on 429 and 503; once the schedule is used up the delivery has failed.
public struct RetryPolicy: Sendable {
    /// Seconds before each retry.
    public let schedule: [Int]
    /// Random variation of each wait, in percent either way.
    public let jitterPercent: Int
    /// Hours of nothing but failed attempts after which the subscription is disabled.
    public let disableAfterFailingHours: Int
    /// Longest `Retry-After` honoured (a day); a longer one is cut to it.
    public static let maximumRetryAfterSeconds = 86_400

    /// Creates a policy.
    public init(
        schedule: [Int], jitterPercent: Int, disableAfterFailingHours: Int = WebhookSettings.Delivery.defaultDisableAfterFailingHours
    ) {
        self.schedule = schedule
        self.jitterPercent = jitterPercent
        self.disableAfterFailingHours = disableAfterFailingHours
    }

    /// The wait before the next attempt after `attempts` failed ones, or `nil` when none is left.
    /// `retryAfter` (seconds) replaces the scheduled wait, without jitter.
    public func delay(afterFailedAttempts attempts: Int, retryAfter: Int?) -> TimeInterval? {
        guard attempts >= 1, attempts <= schedule.count else { return nil }
        if let retryAfter { return TimeInterval(min(max(retryAfter, 0), Self.maximumRetryAfterSeconds)) }
        let base = Double(schedule[attempts - 1])
        let spread = Double(jitterPercent) / 100
        return base * (1 + Double.random(in: -spread...spread))
    }

    /// A `Retry-After` value in seconds: delay-seconds or an HTTP date (RFC 9110), measured from `now`.
    public static func retryAfterSeconds(_ value: String?, now: Date) -> Int? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Int(value) { return seconds >= 0 ? seconds : nil }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "GMT")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        guard let date = formatter.date(from: value) else { return nil }
        return max(0, Int(date.timeIntervalSince(now).rounded(.up)))
    }
}
