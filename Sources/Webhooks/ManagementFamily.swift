import Runtime

/// The webhook management API as a `RouteFamily` of `LoomServer.Configuration.routeFamilies`:
/// it serves `ManagementRoutes` on the registry's database with the app's JSON naming and body
/// limit, so the module needs nothing of the server to be built.
struct ManagementFamily: RouteFamily {
    /// The app's webhooks section (management declared).
    let settings: WebhookSettings
    /// Address guard (loopback allowance), clock.
    let options: WebhookOptions
    /// Wakes the delivery service after a test event or a replay.
    let signal: DeliverySignal
    /// Wakes the delivery services after a subscription changed.
    let changes: DeliverySignal
    /// Whether subscription changes are written to the app's audit trail.
    let audited: Bool

    func register(in registry: inout RouteRegistry) {
        guard
            let routes = ManagementRoutes(
                settings: settings, database: registry.database, options: options, signal: signal, changes: changes,
                naming: registry.settings.naming, maxBodyBytes: registry.settings.maxBodyBytes, audited: audited)
        else { return }
        routes.register(in: &registry)
    }
}
