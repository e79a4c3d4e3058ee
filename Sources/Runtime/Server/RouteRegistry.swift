import APIContract
import Hummingbird

/// Collects an app's routes before the router is built, so the middleware that answers 405
/// knows every path and method from the first request on.
///
/// Generated code calls `addTable` for each table and `add` for each custom endpoint; path
/// templates use `{name}` parameters as in OpenAPI.
public struct RouteRegistry {
    /// One registered route.
    public struct Route: Sendable {
        /// HTTP method.
        public let method: HTTPRequest.Method
        /// Path template with `{name}` parameters.
        public let path: String
        /// The handler.
        public let handler: @Sendable (Request, LoomRequestContext) async throws -> Response
        /// How long the handler may run (`TimeBudget`).
        public let budget: Duration
    }

    /// Routes in registration order.
    public private(set) var routes: [Route] = []
    /// Every registered path and method.
    public private(set) var table = RouteTable()
    /// The item routes the event loop may answer without Hummingbird (see `InlineReads`).
    public private(set) var inlineReads = InlineReads()
    /// The app's database.
    public let database: any DatabaseClient
    /// The app's conventions.
    public let settings: AppSettings
    /// Every write of a generated table (routes and typed stores) runs them in its transaction.
    public let hooks: WriteHooks
    /// Handed to custom endpoint handlers through `HandlerContext.credentials`; the auth module
    /// sets it when it registers its routes (before the app's own routes).
    public var credentialIssuer: (any CredentialIssuer)?

    /// Signs and checks the list cursors of every table (`CursorCodec`).
    public let cursors: CursorCodec

    // MARK: Incoming webhooks (issue 13)

    /// The values of the incoming webhooks' secret variables, by variable name
    /// (`LoomServer.Configuration.incomingWebhookSecrets`).
    public var incomingWebhookSecrets: [String: String] = [:]

    // MARK: Idempotency (issue 14)

    /// The operations the app's `idempotency` section covers, by `"<METHOD> <path template>"`:
    /// `POST` and `PATCH` of tables, and the custom endpoints that opt in.
    public internal(set) var idempotentRoutes: [String: IdempotencyRequirement] = [:]

    /// Creates a registry. `cursors` defaults to a key of this process only; a server whose
    /// cursors must hold across restarts and instances passes one made from a shared secret.
    public init(database: any DatabaseClient, settings: AppSettings, hooks: WriteHooks = .none, cursors: CursorCodec = .random()) {
        self.database = database
        self.settings = settings
        self.hooks = hooks
        self.cursors = cursors
    }

    /// Adds one route. A `GET` route answers `HEAD` too (RFC 9110 §9.3.2): the same handler
    /// runs and `LoomMiddleware` sends its head alone, so `HEAD` is listed in `Allow` and
    /// served wherever `GET` is without each module registering it.
    /// `budget` is how long the handler may run before the answer is 504 (`TimeBudget`);
    /// `nil`: the app's standard budget (`RequestLimits.standardBudget`).
    public mutating func add(
        _ method: HTTPRequest.Method, _ path: String, budget: Duration? = nil,
        handler: @escaping @Sendable (Request, LoomRequestContext) async throws -> Response
    ) {
        table.add(path: path, method: method)
        if method == .get { table.add(path: path, method: .head) }
        routes.append(Route(method: method, path: path, handler: handler, budget: budget ?? settings.requestLimits.standardBudget))
    }

    /// Adds the routes of a table for the operations it exposes, at the paths (and aliases)
    /// its descriptor gives. With `access` (apps with an `auth` section) each route first checks
    /// its requirement, before reading the body; upsert needs those of create and replace, batch
    /// those of every action it contains. A table that hides what exists (`forbiddenAsNotFound`)
    /// answers its refusals (403) as 404, but for a missing CSRF echo, which reveals nothing.
    public mutating func addTable<Record: TableRecord>(
        _ record: Record.Type, operations: Set<TableOperationKind>, access: TableAccess? = nil
    ) {
        let handlers = TableHandlers<Record>(database: database, settings: settings, hooks: hooks, cursors: cursors)
        let table = Record.table
        let hidesRefusals = access != nil && table.forbiddenAsNotFound
        /// The requirements a route checks before its handler: none without `access`.
        func checked(_ requirements: [AccessRequirement]) -> [AccessRequirement] {
            access == nil ? [] : requirements.filter { $0 != .everyone }
        }
        /// The handler behind the requirements (none without `access`).
        func guarded(
            _ requirements: [AccessRequirement],
            _ handler: @escaping @Sendable (Request, LoomRequestContext) async throws -> Response
        ) -> @Sendable (Request, LoomRequestContext) async throws -> Response {
            let needed = checked(requirements)
            let checked: @Sendable (Request, LoomRequestContext) async throws -> Response
            if !needed.isEmpty {
                checked = { request, context in
                    for requirement in needed { try context.authorize(requirement) }
                    return try await handler(request, context)
                }
            } else {
                checked = handler
            }
            guard hidesRefusals else { return checked }
            return { request, context in
                do {
                    return try await checked(request, context)
                } catch let error as APIError where error.status == .forbidden && error.code != APIError.csrfFailedCode {
                    throw APIError.hidden(table: table.name, path: request.uri.path)
                }
            }
        }
        func requirements(_ kinds: TableOperationKind...) -> [AccessRequirement] {
            access.map { access in kinds.map { access.requirement($0) } } ?? []
        }
        let batchBudget = settings.requestLimits.batchBudget
        func serve(_ route: TableRoute, _ method: HTTPRequest.Method, _ handler: @escaping Handler) {
            let budget = route == .batch ? batchBudget : nil
            for path in table.routes.paths(route) { add(method, path, budget: budget, handler: handler) }
        }
        /// Records a covered operation at each of its paths.
        func cover(_ route: TableRoute, _ method: HTTPRequest.Method, _ operation: IdempotentOperation) {
            guard let coverage = settings.idempotency?.coverage else { return }
            for path in table.routes.paths(route) {
                idempotentRoutes[IdempotencyMiddleware.routeKey(method, path)] = coverage.requirement(of: operation)
            }
        }
        if operations.contains(.list) { serve(.list, .get, guarded(requirements(.list), handlers.list)) }
        if operations.contains(.create) {
            serve(.create, .post, guarded(requirements(.create), handlers.create))
            cover(.create, .post, .create)
        }
        if operations.contains(.get) {
            let needed = requirements(.get)
            serve(.get, .get, guarded(needed, handlers.get))
            // The event loop may answer it (InlineReads) for a caller that meets the same
            // requirements `guarded` checks (with `access`); any refusal goes to the route.
            if database.readsKeysInline {
                let inlineChecked = checked(needed)
                let read: @Sendable (Substring, Identity?) -> InlineRecord? = { key, identity in
                    guard inlineChecked.allSatisfy({ Identity.meets(identity, $0) }) else { return nil }
                    return handlers.inlineRead(key: key, identity: identity)
                }
                for path in table.routes.paths(.get) where path.hasSuffix("/{id}") && path.dropLast(5).firstIndex(of: "{") == nil {
                    inlineReads.add(collectionPath: String(path.dropLast(5)), read: read)
                }
            }
        }
        if operations.contains(.replace) { serve(.replace, .put, guarded(requirements(.replace), handlers.replace)) }
        if operations.contains(.update) {
            serve(.update, .patch, guarded(requirements(.update), handlers.update))
            cover(.update, .patch, .update)
        }
        if operations.contains(.delete) { serve(.delete, .delete, guarded(requirements(.delete), handlers.delete)) }
        if table.softDelete, operations.contains(.delete) {
            serve(.restore, .post, guarded(access.map { [$0.restore] } ?? [], handlers.restore))
            cover(.restore, .post, .restore)
        }
        if table.upsertKey != nil, operations.contains(.create), operations.contains(.replace) {
            serve(.upsert, .post, guarded(requirements(.create, .replace), handlers.upsert))
            cover(.upsert, .post, .upsert)
        }
        let batchable = operations.intersection([.create, .replace, .update, .delete])
        if let envelope = table.batchEnvelope {
            // A create-only batch (`envelopes.batch`): served where creates are.
            if operations.contains(.create) {
                serve(.batch, .post, guarded(requirements(.create)) { request, context in
                    try await handlers.createBatch(request, context: context, envelope: envelope)
                })
                cover(.batch, .post, .batch)
            }
        } else if !batchable.isEmpty {
            // The actions a batch holds are known only from its body; an anonymous caller is
            // refused first when no action is public.
            let anyPublic = access.map { access in batchable.contains { access.requirement($0) == .everyone } } ?? true
            serve(.batch, .post, guarded([]) { request, context in
                if !anyPublic { _ = try context.requireIdentity() }
                return try await handlers.batch(request, context: context, operations: batchable, access: access)
            })
            cover(.batch, .post, .batch)
        }
    }

    /// Makes the `HandlerContext` of each request for custom endpoint handlers.
    public var handlerContexts: HandlerContextFactory {
        HandlerContextFactory(database: database, hooks: hooks, credentials: credentialIssuer)
    }

    /// Adds every collected route to `router`, each within its time budget (`TimeBudget`), and
    /// `HEAD` beside each `GET` (see `add`). `budgetTesting` (tests only) scales the budgets and
    /// slows the handlers.
    public func install(on router: Router<LoomRequestContext>, budgetTesting: TimeBudgetTesting? = nil) {
        let explicitHeads = Set(routes.filter { $0.method == .head }.map(\.path))
        for route in routes {
            let path = RouterPath(Self.hummingbirdPath(route.path))
            let (handler, budget) =
                budgetTesting.map { ($0.handler(route.handler), $0.budget(route.budget)) } ?? (route.handler, route.budget)
            let budgeted: Handler = { request, context in try await TimeBudget.run(budget, request, context, handler) }
            router.on(path, method: route.method, use: budgeted)
            if route.method == .get, !explicitHeads.contains(route.path) { router.on(path, method: .head, use: budgeted) }
        }
    }

    /// Converts `{name}` to Hummingbird's `:name`.
    static func hummingbirdPath(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: false).map { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? ":" + segment.dropFirst().dropLast() : segment
        }.joined(separator: "/")
    }
}

/// The CRUD operations a table can expose.
public enum TableOperationKind: String, Sendable, Hashable {
    case list, get, create, replace, update, delete
}
