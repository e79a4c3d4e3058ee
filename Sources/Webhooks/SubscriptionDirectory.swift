import NIOConcurrencyHelpers

/// The subscriptions the delivery loops of this instance deliver to: the static ones of
/// `app.json` and the enabled ones stored through the management API, which the delivery
/// service reads again after each change made through this process's API and at every poll
/// interval (for changes made by other instances). A loop looks its subscription up before each round, so a
/// new URL or secret applies at once and a deleted or disabled subscription's loop ends.
final class SubscriptionDirectory: Sendable {
    private let subscriptions = NIOLockedValueBox<[String: ActiveSubscription]>([:])
    private let running = NIOLockedValueBox<Set<String>>([])

    /// Creates an empty directory.
    init() {}

    /// The subscription named `name`, or `nil` once it is gone.
    func current(_ name: String) -> ActiveSubscription? {
        subscriptions.withLockedValue { $0[name] }
    }

    /// Replaces the whole set.
    func replace(with all: [ActiveSubscription]) {
        let byName = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        subscriptions.withLockedValue { $0 = byName }
    }

    /// The subscriptions without a running loop, marked running.
    func startable() -> [ActiveSubscription] {
        let all = subscriptions.withLockedValue { Array($0.values) }
        return running.withLockedValue { running in all.filter { running.insert($0.name).inserted } }
    }

    /// Records that the loop of `name` ended (its subscription is gone).
    func stopped(_ name: String) {
        _ = running.withLockedValue { $0.remove(name) }
    }
}
