import AsyncHTTPClient
import NIOConcurrencyHelpers
import NIOSSL

/// The HTTP clients attempts go out through.
///
/// An http attempt goes to the checked address written into its URL (`AddressGuard.Target`),
/// through the one shared client. An https attempt cannot: its certificate is checked against,
/// and its TLS server name is, the URL's host. It goes through a client made for that host and
/// the address the guard checked, whose `dnsOverride` connects to that address while TLS still
/// sends and verifies the original name: the guard's lookup is the only one, so a second
/// answer from DNS (rebinding) cannot move the connection to an address the guard refuses.
///
/// One client per host, replaced when the host's checked address changes; at most
/// `pinnedLimit` hosts, the least recently used one given up beyond that. A replaced client is
/// shut down after an attempt's time-out, so attempts already on it finish.
final class DeliveryClients: Sendable {
    /// The client of http attempts.
    let shared: HTTPClient
    /// The configuration every client is made with (no redirects, time-outs, TLS).
    private let configuration: HTTPClient.Configuration
    /// How long a replaced client stays up for the attempts on it.
    private let drainTime: Duration
    /// Most https hosts with a client at a time.
    let pinnedLimit: Int

    private struct Pinned {
        let address: String
        let client: HTTPClient
        var used: UInt64
    }

    private struct State {
        var pinned: [String: Pinned] = [:]
        var uses: UInt64 = 0
        var closed = false
    }

    private let state = NIOLockedValueBox(State())

    /// Creates the clients with `configuration`.
    init(configuration: HTTPClient.Configuration, drainTime: Duration, pinnedLimit: Int = 256) {
        self.configuration = configuration
        self.drainTime = drainTime
        self.pinnedLimit = pinnedLimit
        shared = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// The client connecting `host` to `address` (the guard's textual address).
    func pinned(host: String, address: String) -> HTTPClient {
        let (client, retired) = state.withLockedValue { state -> (HTTPClient, [HTTPClient]) in
            state.uses += 1
            if var entry = state.pinned[host], entry.address == address {
                entry.used = state.uses
                state.pinned[host] = entry
                return (entry.client, [])
            }
            var retired: [HTTPClient] = []
            if let replaced = state.pinned.removeValue(forKey: host) { retired.append(replaced.client) }
            if state.pinned.count >= pinnedLimit, let oldest = state.pinned.min(by: { $0.value.used < $1.value.used }) {
                state.pinned.removeValue(forKey: oldest.key)
                retired.append(oldest.value.client)
            }
            var configuration = self.configuration
            configuration.dnsOverride = [host: address]
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            if state.closed {
                retired.append(client)
            } else {
                state.pinned[host] = Pinned(address: address, client: client, used: state.uses)
            }
            return (client, retired)
        }
        if !retired.isEmpty {
            let wait = drainTime
            Task {
                try? await Task.sleep(for: wait)
                for client in retired { try? await client.shutdown() }
            }
        }
        return client
    }

    /// The https hosts with a client now (tests).
    var pinnedHosts: [String: String] {
        state.withLockedValue { $0.pinned.mapValues(\.address) }
    }

    /// Shuts every client down.
    func shutdown() async {
        let clients = state.withLockedValue { state -> [HTTPClient] in
            state.closed = true
            defer { state.pinned = [:] }
            return state.pinned.values.map(\.client)
        }
        for client in clients + [shared] { try? await client.shutdown() }
    }
}
