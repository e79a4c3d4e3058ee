import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import Runtime
import ServiceLifecycle

/// The delivery worker, a background service of the server's `ServiceGroup`: one loop per
/// active subscription claims due deliveries (at most `maxConcurrencyPerEndpoint` at once, so a
/// slow or dead endpoint never delays another), sends each signed, and records the attempt.
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

    /// Runs until graceful shutdown; an attempt in flight then is abandoned and its lease lets
    /// another instance (or the next start) make it again.
    public func run() async throws {
        guard !subscriptions.isEmpty else {
            // Returning early would end the whole service group.
            try? await gracefulShutdown()
            return
        }
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: Self.clientConfiguration(settings.delivery))
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                for subscription in subscriptions {
                    let loop = DeliveryLoop(
                        store: store, subscription: subscription, sender: DeliverySender(client: client, settings: settings, options: options),
                        policy: RetryPolicy(schedule: settings.delivery.retrySchedule, jitterPercent: settings.delivery.jitterPercent),
                        concurrency: settings.delivery.maxConcurrencyPerEndpoint, signal: signal, options: options, logger: logger)
                    group.addTask { await loop.run() }
                }
            }
        }
        try await client.shutdown()
    }

    /// No redirects (a redirect could lead past the address guard); connect time bounded.
    static func clientConfiguration(_ delivery: WebhookSettings.Delivery) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: .init(connect: .seconds(Int64(delivery.connectTimeoutSeconds)), read: .seconds(Int64(delivery.timeoutSeconds))))
        configuration.decompression = .disabled
        return configuration
    }
}
