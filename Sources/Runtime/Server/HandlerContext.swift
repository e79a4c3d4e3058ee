import Logging

/// What a handwritten custom endpoint handler receives besides its typed input.
public struct HandlerContext: Sendable {
    /// The app's database, for statements no `TableStore` expresses (an app's own SQL); writes
    /// to generated tables go through `store(_:)`, which applies tenancy, validation and hooks.
    public let database: any DatabaseClient
    /// The request id (also in `X-Request-Id`).
    public let requestID: String
    /// The authenticated caller, if any.
    public let identity: Identity?
    /// A logger carrying the request id.
    public let logger: Logger
    /// The client's IP address (`RequestClientAddress`), recorded with the store's writes.
    public var clientAddress: String? = nil
    /// The server's write hooks, which every `store(_:)` write runs.
    let hooks: WriteHooks
    /// The request's idempotency claim (an endpoint that opts in): every `store(_:)` write marks
    /// it in its transaction, so the request never runs twice.
    var idempotencyClaim: IdempotencyClaim? = nil
    /// The verified incoming webhook message (an endpoint declaring `webhook`): the first
    /// committed `store(_:)` write records its id in its transaction, so it is handled once.
    var webhookReceipt: IncomingWebhookReceipt? = nil
    /// Issues API keys and service tokens for the caller; `nil` when the app has no auth.
    public let credentials: (any CredentialIssuer)?

    /// Creates a context.
    public init(
        database: any DatabaseClient, requestID: String, identity: Identity?, logger: Logger, hooks: WriteHooks = .none,
        credentials: (any CredentialIssuer)? = nil
    ) {
        self.credentials = credentials
        self.database = database
        self.requestID = requestID
        self.identity = identity
        self.logger = logger
        self.hooks = hooks
    }

    /// The typed store of `Record`'s table, acting as the caller; 403 when the table's rows need
    /// a tenant binding (or user) the caller's credentials lack.
    public func store<Record: TableRecord>(_ type: Record.Type) throws(APIError) -> TableStore<Record> {
        try TableStore(
            database: database, hooks: hooks, identity: identity, requestID: requestID, clientAddress: clientAddress,
            idempotency: idempotencyClaim, webhookReceipt: webhookReceipt)
    }

    /// Runs several store queries against one consistent snapshot (a summary and the counts it
    /// shows must agree), returning their answers in order.
    public func snapshot<each Query: StoreQuery>(_ queries: repeat each Query) async throws -> (repeat (each Query).Result) {
        var statements: [SQLStatement] = []
        for query in repeat each queries { statements.append(query.statement) }
        let results = try await database.fetchSnapshot(statements)
        var index = 0
        func next<Q: StoreQuery>(_ query: Q) throws -> Q.Result {
            defer { index += 1 }
            return try query.decode(results[index])
        }
        return (repeat try next(each queries))
    }
}

/// Makes `HandlerContext`s; captured by generated endpoint routes at start-up.
public struct HandlerContextFactory: Sendable {
    let database: any DatabaseClient
    let hooks: WriteHooks
    /// The app's credential issuer, if any.
    var credentials: (any CredentialIssuer)? = nil

    /// The context of one request.
    public func make(_ context: LoomRequestContext) -> HandlerContext {
        var handlerContext = HandlerContext(
            database: database, requestID: context.requestID, identity: context.identity, logger: context.logger,
            hooks: hooks, credentials: credentials)
        handlerContext.clientAddress = RequestClientAddress.of(context)
        handlerContext.idempotencyClaim = context.idempotencyClaim
        return handlerContext
    }
}

extension HandlerContext {
    /// Returns when the database answers a ping; logs the failure and throws 503 otherwise: the
    /// body of a custom health endpoint (eventflow's `/system/health`, stationthis' `/status/health`).
    public func requireDatabase() async throws(APIError) {
        do {
            try await database.ping()
        } catch {
            logger.error("health check failed", metadata: ["error": "\(error)"])
            throw APIError.unavailable
        }
    }
}
