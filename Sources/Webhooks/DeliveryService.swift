import AsyncHTTPClient
import NIOSSL
import Foundation
import Logging
import NIOCore
import Runtime
import ServiceLifecycle

/// The delivery worker, a background service of the server's `ServiceGroup`: one loop per
/// active subscription claims due deliveries (at most `maxConcurrencyPerEndpoint` at once, so a
/// slow or dead endpoint never delays another), sends each signed, and records the attempt; the
/// loops of static subscriptions first write the deliveries of new messages (`DeliveryFanOut`).
/// Delivery is at least once: a claim whose instance dies is claimed again when its lease ends.
public struct DeliveryService: Service {
    /// The outbox tables.
    let store: DeliveryStore
    /// The app's webhooks section.
    let settings: WebhookSettings
    /// Where deliveries go.
    let subscriptions: [ActiveSubscription]
    /// Wakes the loops after commits.
    let signal: DeliverySignal
    /// Run-time options (clock, poll interval, loopback).
    let options: WebhookOptions
    /// Logs attempts that fail and loops that stumble.
    let logger: Logger

    /// The subscriptions this service's loops deliver to.
    let directory = SubscriptionDirectory()
    /// Woken by the management API after it changed a subscription.
    let changes: DeliverySignal
    /// Whether subscriptions stored through the management API are delivered to as well.
    let stored: Bool
    /// Whether the app keeps an audit trail.
    let audited: Bool

    /// Runs until graceful shutdown; an attempt in flight then is abandoned and its lease lets
    /// another instance (or the next start) make it again.
    public func run() async throws {
        guard !subscriptions.isEmpty || stored || !settings.targetedEvents.isEmpty else {
            // Returning early would end the whole service group.
            await reportUnclaimed()
            try? await gracefulShutdown()
            return
        }
        let clients = DeliveryClients(
            configuration: Self.clientConfiguration(settings.delivery, tls: options.tlsConfiguration),
            drainTime: .seconds(settings.delivery.timeoutSeconds + 1))
        await cancelWhenGracefulShutdown {
            await withDiscardingTaskGroup { group in
                group.addTask { await reportUnclaimed() }
                await supervise(group: &group, clients: clients)
            }
        }
        await clients.shutdown()
    }

    /// Starts a loop for each subscription that has none; with stored subscriptions, reads them
    /// again after each change made here and at every poll interval, until cancelled.
    private func supervise(group: inout DiscardingTaskGroup, clients: DeliveryClients) async {
        let sender = DeliverySender(clients: clients, settings: settings, options: options)
        let policy = RetryPolicy(
            schedule: settings.delivery.retrySchedule, jitterPercent: settings.delivery.jitterPercent,
            disableAfterFailingHours: settings.delivery.disableAfterFailingHours)
        let claimLimit = DeliveryLoop.claimLimit(
            concurrency: settings.delivery.maxConcurrencyPerEndpoint, timeoutSeconds: settings.delivery.timeoutSeconds, options: options)
        let fanOut = DeliveryFanOut(store: store)
        repeat {
            let seen = changes.current
            await refresh()
            for subscription in directory.startable() {
                let loopPolicy = subscription.target.map {
                    RetryPolicy(schedule: $0.retrySchedule, jitterPercent: $0.jitterPercent, disableAfterFailingHours: policy.disableAfterFailingHours)
                } ?? policy
                var loop = DeliveryLoop(
                    store: store, name: subscription.name, directory: directory, sender: sender, policy: loopPolicy,
                    concurrency: settings.delivery.maxConcurrencyPerEndpoint,
                    claimLimit: claimLimit,
                    signal: signal, options: options, logger: logger, audited: audited)
                if subscriptions.contains(where: { $0.name == subscription.name }) { loop.fanOut = fanOut }
                group.addTask { [directory] in
                    await loop.run()
                    directory.stopped(subscription.name)
                }
            }
            guard stored else { return }
            await changes.wait(after: seen, timeout: options.pollInterval)
        } while !Task.isCancelled
    }

    /// Logs, once at start-up, each subscription with pending deliveries that this configuration
    /// does not deliver to (removed from `app.json`, or only in another instance's): nothing
    /// here will ever claim them, and `loom-server webhooks retire` settles them once no
    /// instance does.
    private func reportUnclaimed() async {
        do {
            for (name, pending) in try await SubscriptionRetirement(database: store.database, settings: settings).unclaimed() {
                logger.warning(
                    "\(pending) pending webhook deliveries to \"\(name)\", which this configuration does not deliver to: once no instance does, `loom-server webhooks retire \(name)` fails them so their messages can be purged")
            }
        } catch {
            logger.error("pending webhook deliveries cannot be counted by subscription: \(error)")
        }
    }

    /// The static subscriptions and the enabled stored ones, as of now.
    private func refresh() async {
        let targets = ActiveSubscription.targets(settings)
        guard stored else { return directory.replace(with: subscriptions + targets) }
        do {
            let now = WebhookClock.milliseconds(options.clock.now())
            let stored = try await SubscriptionStore(database: store.database).enabled()
            directory.replace(with: subscriptions + targets + stored.compactMap { $0.active(at: now) })
        } catch {
            logger.error("webhook subscriptions cannot be read: \(error)")
        }
    }

    /// No redirects (a redirect could lead past the address guard); connect time bounded; `tls`
    /// replaces the system's trust settings when given (`WebhookOptions.tlsConfiguration`).
    static func clientConfiguration(_ delivery: WebhookSettings.Delivery, tls: TLSConfiguration? = nil) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration(
            tlsConfiguration: tls, redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(Int64(delivery.connectTimeoutSeconds)), read: .seconds(Int64(delivery.timeoutSeconds))))
        configuration.decompression = .disabled
        return configuration
    }
}
