import APIContract

extension WebhookSettings {
    /// The facts the management family's declaration depends on, in an app spelling members
    /// with `naming`, or `nil` without a `management` section; the generator builds the same
    /// value from the schema.
    public func contractOptions(naming: JSONNaming) -> WebhookContractOptions? {
        management.map {
            WebhookContractOptions(
                path: $0.path, scope: $0.scope, tenantScoped: tenantScoped, maxRotationGraceSeconds: $0.maxRotationGraceSeconds,
                eventTypes: allEventTypes, routes: $0.routes, naming: naming)
        }
    }
}
