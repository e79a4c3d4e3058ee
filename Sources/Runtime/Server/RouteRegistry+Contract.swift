import APIContract
import Hummingbird

extension RouteRegistry {
    /// A route handler.
    public typealias Handler = @Sendable (Request, LoomRequestContext) async throws -> Response

    /// Adds every route of a contract family under `prefix` (empty for laid-out families, whose
    /// paths are complete), at its path and its aliases, each served by the handler its
    /// operation maps to. Families (`SystemContract`, `Auth`'s auth and platform routes) are
    /// registered only this way, so the server has exactly the routes the document describes.
    /// Path parameters are registered under the names handlers read (`pathParameterKeys`).
    public mutating func add<Operation>(
        _ routes: [ContractRoute<Operation>], prefix: String, handler: (Operation) -> Handler
    ) {
        for route in routes {
            let serve = handler(route.operation)
            for path in route.allPaths {
                add(HTTPRequest.Method(route.method), route.registrationPath(prefix + path), handler: serve)
            }
        }
    }
}

extension HTTPRequest.Method {
    /// The method a contract route declares.
    public init(_ method: ContractMethod) {
        switch method {
        case .get: self = .get
        case .post: self = .post
        case .put: self = .put
        case .patch: self = .patch
        case .delete: self = .delete
        }
    }
}
