import Synchronization

/// The instruments of one server's `RequestMetrics`, made on first use for each label set and
/// kept: label sets are bounded (route templates, methods, statuses, policy names; never raw
/// paths), and a lookup here is one hash under a `Mutex`, where making an instrument again would
/// validate its name and labels and take the registry's lock on every request.
final class InstrumentCache<Labels: Hashable & Sendable, Instruments: Sendable>: Sendable {
    private let made = Mutex<[Labels: Instruments]>([:])

    /// The instruments of `labels`, made by `make` the first time they are met.
    func instruments(_ labels: Labels, make: () -> Instruments) -> Instruments {
        if let found = made.withLock({ $0[labels] }) { return found }
        let instruments = make()
        return made.withLock { made in
            if let found = made[labels] { return found }
            made[labels] = instruments
            return instruments
        }
    }
}
