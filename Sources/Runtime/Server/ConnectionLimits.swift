#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NIOCore
import Synchronization

/// How long a client may take over the parts of a request, and how many connections the server
/// holds at once (`LoomServer.Configuration.connectionLimits`). Without them, 200 connections
/// trickling a header byte at a time stay open for ever, and so does one that sends nothing.
///
/// - `requestHeadTimeout`: from the first byte of a request head to the end of that head.
/// - `requestBodyTimeout`: from the end of a head to the end of its body.
/// - `idleTimeout`: how long a connection may wait for its next (or first) request
///   (Hummingbird's idle handler).
/// - `maxConnections`: connections beyond it are closed as they are accepted.
///
/// A connection that overruns a timeout is closed without an answer: there is no complete
/// request to answer.
public struct ConnectionLimits: Sendable, Hashable {
    /// Longest time for a request head to arrive.
    public var requestHeadTimeout: Duration
    /// Longest time for a request body to arrive once its head has.
    public var requestBodyTimeout: Duration
    /// Longest wait of a keep-alive connection for its next request.
    public var idleTimeout: Duration
    /// Most connections open at once.
    public var maxConnections: Int

    /// The default connection cap: 4,096, or fewer when the process may open fewer descriptors
    /// (`RLIMIT_NOFILE`, less 64 for the database files, pool sockets and the listener). Past
    /// the process's descriptor limit an accept fails with `EMFILE`, and swift-nio then keeps
    /// the listening socket readable and spins a core; under the cap every accept succeeds and
    /// the connections beyond it are closed at once, so the server idles and serves the ones it has.
    public static var defaultMaxConnections: Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0, limit.rlim_cur < rlim_t(Int32.max) else { return 4_096 }
        return max(16, min(4_096, Int(clamping: limit.rlim_cur) - 64))
    }

    /// Creates the limits; the defaults suit a server behind no proxy.
    public init(
        requestHeadTimeout: Duration = .seconds(10), requestBodyTimeout: Duration = .seconds(60), idleTimeout: Duration = .seconds(75),
        maxConnections: Int = ConnectionLimits.defaultMaxConnections
    ) {
        self.requestHeadTimeout = requestHeadTimeout
        self.requestBodyTimeout = requestBodyTimeout
        self.idleTimeout = idleTimeout
        self.maxConnections = maxConnections
    }
}

/// The number of open connections of one server, shared by its child channels.
final class ConnectionCount: Sendable {
    private let open = Atomic<Int>(0)
    let maximum: Int

    /// A count admitting at most `maximum` connections.
    init(maximum: Int) { self.maximum = maximum }

    /// Counts a new connection; `false` (and nothing counted) when the server is full.
    func admit() -> Bool {
        let (now, _) = open.add(1, ordering: .relaxed)
        guard now > maximum else { return true }
        open.subtract(1, ordering: .relaxed)
        return false
    }

    /// Uncounts a closed connection.
    func release() { open.subtract(1, ordering: .relaxed) }
}

/// Thrown from a child channel's set-up when the server already holds `maxConnections`.
struct ConnectionLimitReached: Error {}
