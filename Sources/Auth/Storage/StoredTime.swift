import Foundation

extension Date {
    /// Whether `self` is later than `other` at the millisecond precision timestamps are stored
    /// with. A stored expiry read back is the nearest `Double` to its millisecond text, which can
    /// differ by one ulp from the `Date` it was written from; comparing raw `Date`s would then
    /// keep "expired now" credentials (a rotation without grace) alive for that instant.
    func isLater(than other: Date) -> Bool {
        (timeIntervalSince1970 * 1000).rounded() > (other.timeIntervalSince1970 * 1000).rounded()
    }
}
