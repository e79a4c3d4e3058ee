import CoreMetrics
import Synchronization

/// The instruments of each request series (method, route template, status) of one server's
/// `RequestMetrics`, made on first use and kept: the series are bounded (route templates,
/// methods and statuses, never raw paths), and a lookup here is one hash of three short values
/// under a `Mutex`, where making them again would validate names and labels and take the
/// registry's lock twice per request.
final class RequestSeries: Sendable {
    /// A series' labels.
    private struct Key: Hashable {
        let method: String
        let route: String
        let status: Int
    }

    private let made = Mutex<[Key: (CoreMetrics.Counter, CoreMetrics.Timer)]>([:])

    /// The series' counter and timer, made by `make` the first time it is met.
    func instruments(
        method: String, route: String, status: Int, make: () -> (CoreMetrics.Counter, CoreMetrics.Timer)
    ) -> (CoreMetrics.Counter, CoreMetrics.Timer) {
        let key = Key(method: method, route: route, status: status)
        if let found = made.withLock({ $0[key] }) { return found }
        let instruments = make()
        return made.withLock { made in
            if let found = made[key] { return found }
            made[key] = instruments
            return instruments
        }
    }
}
