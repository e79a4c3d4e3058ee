/// Where a delivery (one message to one subscription) stands.
public enum DeliveryStatus: String, Sendable, CaseIterable {
    /// Waiting for its first attempt or a retry.
    case pending
    /// A 2xx answer acknowledged it.
    case success
    /// The retries are used up, or the subscription was disabled (`410 Gone`).
    case failed
}
