import Foundation
import Logging
import Runtime
import ValueFormats

/// Deliveries to one subscription: claim the due ones, attempt them with at most `concurrency`
/// in flight (a finished attempt makes room for the next claimed one), record each outcome,
/// then wait for a commit or the poll interval.
struct DeliveryLoop: Sendable {
    /// The outbox tables.
    let store: DeliveryStore
    /// The name of the subscription it delivers to.
    let name: String
    /// Where its current URL and secrets are looked up before each round.
    let directory: SubscriptionDirectory
    /// Makes the attempts.
    let sender: DeliverySender
    /// When failed attempts are retried.
    let policy: RetryPolicy
    /// Most attempts in flight at once.
    let concurrency: Int
    /// Most deliveries claimed at once (`claimLimit(concurrency:timeoutSeconds:options:)`).
    let claimLimit: Int
    /// Wakes the loop after commits.
    let signal: DeliverySignal
    /// Clock, poll interval, lease.
    let options: WebhookOptions
    /// Logs failed attempts.
    let logger: Logger
    /// Whether the app keeps an audit trail (a subscription disabled for failing is audited).
    let audited: Bool
    /// For a static subscription's loop: the deliveries of new messages to the static
    /// subscriptions, written at the start of each round (`nil` for stored and target streams,
    /// whose deliveries the change's transaction writes).
    var fanOut: DeliveryFanOut? = nil
    /// Names this instance's leases.
    let owner = ValueFormats.lowercaseText(of: UUID())

    /// Loops until the task is cancelled or the subscription is gone (deleted, disabled).
    func run() async {
        while !Task.isCancelled, let subscription = directory.current(name) {
            let seen = signal.current
            let worked = await round(subscription)
            if worked, let load = options.requestLoad, load.current > 0 {
                try? await Task.sleep(for: options.busyPause)
            } else if !worked {
                await signal.wait(after: seen, timeout: options.pollInterval)
                // Let the commits of the next moment join the claim this one woke, so a busy
                // writer's events go out a dozen per claim and record instead of one each.
                try? await Task.sleep(for: options.coalescing)
            }
        }
    }

    /// One claim and its attempts; `false` when there was nothing to do (or the database failed).
    private func round(_ subscription: ActiveSubscription) async -> Bool {
        let now = WebhookClock.milliseconds(options.clock.now())
        if let fanOut {
            // While clients are being served, only what this round can claim: the rest waits,
            // marked and durable, until the instance is quiet (as the attempts do). A failed
            // fan-out leaves the marks for the next round and does not keep this one from
            // claiming what is already written.
            let busy = (options.requestLoad?.current ?? 0) > 0
            do {
                // The other subscriptions' loops may be waiting for the deliveries written here.
                if try await fanOut.run(at: now, limit: busy ? claimLimit : .max) > 0 { signal.wake() }
            } catch {
                logger.error("webhook messages cannot be fanned out to the static subscriptions: \(error)")
            }
        }
        let claimed: [DeliveryStore.Claimed]
        do {
            if let reason = try await store.disabledReason(subscription.name) {
                _ = try await store.database.write(store.failPending(subscription: subscription.name, reason: reason, at: now))
                return false
            }
            claimed = try await store.claim(
                subscription: subscription.name, limit: claimLimit, now: now, leaseUntil: now + options.leaseMilliseconds, owner: owner)
        } catch {
            logger.error("webhook deliveries to \(subscription.name) cannot be claimed: \(error)")
            return false
        }
        guard !claimed.isEmpty else { return false }
        let attempted = await withTaskGroup(of: DeliveryStore.Attempted.self) { group in
            var waiting = claimed.makeIterator()
            for _ in 0..<concurrency {
                guard let delivery = waiting.next() else { break }
                group.addTask { await attempt(delivery, to: subscription) }
            }
            var attempted: [DeliveryStore.Attempted] = []
            while let done = await group.next() {
                attempted.append(done)
                guard let delivery = waiting.next() else { continue }
                group.addTask { await attempt(delivery, to: subscription) }
            }
            return attempted
        }
        await record(attempted, to: subscription)
        return true
    }

    /// How many deliveries a round may claim: several per slot, so a backlog drains without a
    /// claim, a disabled check and a payload read per `concurrency` attempts, but never more than
    /// the slots can attempt within the lease even if every attempt runs to its time-out, so no
    /// claimed delivery waits past its lease (where another instance would claim it too).
    static func claimLimit(concurrency: Int, timeoutSeconds: Int, options: WebhookOptions) -> Int {
        let attemptsPerSlot = options.leaseMilliseconds / Int64(max(1, timeoutSeconds) * 1_000) - 1
        return concurrency * Int(min(8, max(1, attemptsPerSlot)))
    }

    /// Sends one delivery; what came of it is recorded with the rest of the round.
    private func attempt(_ delivery: DeliveryStore.Claimed, to subscription: ActiveSubscription) async -> DeliveryStore.Attempted {
        let outcome = await sender.send(delivery, to: subscription)
        let now = WebhookClock.milliseconds(options.clock.now())
        let attempts = delivery.attempts + 1
        var status = DeliveryStatus.success
        var next = now
        if !outcome.succeeded {
            if let delay = policy.delay(afterFailedAttempts: attempts, retryAfter: outcome.retryAfter), outcome.status != 410 {
                status = .pending
                next = now + Int64(delay * 1_000)
            } else {
                status = .failed
            }
            logger.warning("webhook \(delivery.messageID) to \(subscription.name), attempt \(attempts): \(outcome.error ?? "failed")")
        }
        options.attempted?(status == .pending ? "retry" : status.rawValue)
        return DeliveryStore.Attempted(delivery: delivery, outcome: outcome, status: status, nextAttemptAt: next, at: now)
    }

    /// Records a round's attempts in one transaction (a crash before it only repeats them once
    /// their leases end: at least once), then disables the subscription after a `410 Gone` or a
    /// failure streak past `disableAfterFailingHours`.
    private func record(_ attempted: [DeliveryStore.Attempted], to subscription: ActiveSubscription) async {
        let now = options.clock.now()
        do {
            let streaks = try await store.record(attempted, subscription: subscription.name, owner: owner, keepsStreaks: subscription.target == nil)
            // A per-record target is one caller's URL: its 410 or failures end that delivery only.
            if subscription.target != nil { return }
            if attempted.contains(where: { $0.outcome.status == 410 }) {
                try await store.disable(
                    subscription: subscription.name, reason: "the receiver answered 410 Gone", at: WebhookClock.milliseconds(now),
                    audit: disablingAudit(subscription, at: now))
                logger.warning("webhook subscription \(subscription.name) is disabled: its receiver answered 410 Gone")
            } else if let since = streaks.compactMap({ $0 }).min() {
                try await disableIfFailingTooLong(subscription, since: since, now: now)
            }
        } catch {
            logger.error("\(attempted.count) webhook attempt(s) to \(subscription.name) cannot be recorded: \(error)")
        }
    }

    /// Disables the subscription once every attempt has failed for `disableAfterFailingHours`
    /// (`webhooks.delivery`), audited in the same transaction when the app keeps a trail.
    private func disableIfFailingTooLong(_ subscription: ActiveSubscription, since: Int64, now: Date) async throws {
        let hours = policy.disableAfterFailingHours
        guard WebhookClock.milliseconds(now) - since >= Int64(hours) * 3_600_000 else { return }
        let reason = "every attempt failed for \(hours) hours"
        try await store.disable(
            subscription: subscription.name, reason: reason, at: WebhookClock.milliseconds(now), audit: disablingAudit(subscription, at: now))
        logger.warning("webhook subscription \(subscription.name) is disabled: \(reason)")
    }

    /// The audit row of the server disabling `subscription` (a `410 Gone` or a failure streak),
    /// written in the disabling's transaction when the app keeps a trail: action `disabled`,
    /// resource `webhook_subscriptions`, the subscription's id (a stored one's `whsub_...`, a
    /// static one's name), changed member `enabled`, its organization (so that organization's
    /// auditors see it), actor `webhook-delivery` with credential `system:webhook-delivery` (the
    /// delivery worker acted, no caller), and no request id or client address.
    private func disablingAudit(_ subscription: ActiveSubscription, at now: Date) -> SQLStatement? {
        guard audited else { return nil }
        return AuditTrail.event(
            action: "disabled", resource: "webhook_subscriptions", resourceID: subscription.name, identity: Self.deliveryWorker(of: subscription),
            requestID: nil, clientAddress: nil, changedFields: ["enabled"], at: now, dialect: store.database.dialect)
    }

    /// The identity the delivery worker's audit rows name: kind `system`, subject `webhook-delivery`.
    static func deliveryWorker(of subscription: ActiveSubscription) -> Identity {
        Identity(subject: "webhook-delivery", kind: "system", scopes: [], organizationID: subscription.organizationID)
    }
}
