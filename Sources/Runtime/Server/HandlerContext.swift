import Logging

/// What a handwritten custom endpoint handler receives besides its typed input.
public struct HandlerContext: Sendable {
    /// The app's database.
    public let database: any DatabaseClient
    /// The request id (also in `X-Request-Id`).
    public let requestID: String
    /// The authenticated caller, if any.
    public let identity: Identity?
    /// A logger carrying the request id.
    public let logger: Logger
    /// Record-change listeners, for handlers that write records themselves.
    public let listeners: [any RecordChangeListener]
    /// Issues API keys and service tokens for the caller; `nil` when the app has no auth.
    public let credentials: (any CredentialIssuer)?

    /// Creates a context.
    public init(
        database: any DatabaseClient, requestID: String, identity: Identity?, logger: Logger, listeners: [any RecordChangeListener],
        credentials: (any CredentialIssuer)? = nil
    ) {
        self.credentials = credentials
        self.database = database
        self.requestID = requestID
        self.identity = identity
        self.logger = logger
        self.listeners = listeners
    }
}

/// Makes `HandlerContext`s; captured by generated endpoint routes at start-up.
public struct HandlerContextFactory: Sendable {
    let database: any DatabaseClient
    let listeners: [any RecordChangeListener]
    /// The app's credential issuer, if any.
    var credentials: (any CredentialIssuer)? = nil

    /// The context of one request.
    public func make(_ context: LoomRequestContext) -> HandlerContext {
        HandlerContext(
            database: database, requestID: context.requestID, identity: context.identity, logger: context.logger,
            listeners: listeners, credentials: credentials)
    }
}
