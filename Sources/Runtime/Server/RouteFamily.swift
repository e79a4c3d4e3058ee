/// A handwritten route family a module outside `Runtime` serves (the webhook management API of
/// `Webhooks`), registered with `RouteRegistry.add(_:prefix:handler:)` from its `APIContract`
/// declaration when the server builds its routes.
public protocol RouteFamily: Sendable {
    /// Adds the family's routes to `registry`.
    func register(in registry: inout RouteRegistry)
}
