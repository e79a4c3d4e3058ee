import Foundation
import NIOSSL
import Runtime

/// How the webhooks module runs in this process, beside the app's `webhooks` section.
public struct WebhookOptions: Sendable {
    /// Whether deliveries may go to loopback addresses (a receiver on 127.0.0.1 in tests and
    /// local development). Off by default; `LOOM_WEBHOOKS_ALLOW_LOOPBACK=1` turns it on, and the
    /// module logs a warning at start when it is on.
    public var allowLoopback = false
    /// The clock (tests move it to check retry schedules).
    public var clock = WebhookClock.system
    /// How long an idle loop waits before looking for due deliveries again (commits wake it
    /// at once).
    public var pollInterval = Duration.seconds(1)
    /// How long an idle loop woken by a commit waits before it claims, so the commits of that
    /// moment are claimed, sent and recorded together: a delivery is that much later, and a
    /// server writing thousands of events a second spends two statements per dozen of them on
    /// the outbox instead of two per event.
    public var coalescing = Duration.milliseconds(10)
    /// How long a claim holds a delivery; beyond the attempt's time-out, so a live instance
    /// never loses its claim, while a dead one's is taken over after it.
    public var leaseMilliseconds: Int64 = 60_000
    /// The server's requests in flight (`LoomServer.Configuration.requestLoad`); `nil`: rounds
    /// never wait for clients.
    public var requestLoad: RequestLoad?
    /// How long a loop waits after a round while clients are being served, so deliveries use
    /// the CPU the server's clients leave: a burst of writes is answered at the speed of a
    /// server without webhooks, its events wait in the outbox (durable, committed with their
    /// writes) and go out as soon as the server is quiet. Under load that never lets up, each
    /// subscription still gets a round (a dozen deliveries) every pause: about a hundred a
    /// second with the default 100 ms.
    public var busyPause = Duration.milliseconds(100)
    /// Told the outcome of each delivery attempt right after it: `success`, `retry` (failed, to
    /// be retried) or `failed` (failed for good); the metrics count attempts by outcome with it
    /// (`RequestMetrics.webhookAttempted`); `nil`: nobody counts.
    public var attempted: (@Sendable (_ outcome: String) -> Void)?

    /// The TLS settings of https deliveries (trust roots, a client certificate); `nil`: the
    /// system's trust roots. Tests set it to trust a receiver's own certificate; a deployment can
    /// trust a private certificate authority.
    public var tlsConfiguration: TLSConfiguration?

    /// The environment variable that allows loopback receivers.
    public static let allowLoopbackVariable = "LOOM_WEBHOOKS_ALLOW_LOOPBACK"

    /// The defaults, with `allowLoopback` read from `environment`.
    public init(environment: [String: String] = [:]) {
        allowLoopback = environment[Self.allowLoopbackVariable] == "1"
    }

    /// The guard every attempt passes.
    var addressGuard: AddressGuard { AddressGuard(allowLoopback: allowLoopback) }
}
