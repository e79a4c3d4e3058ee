/// The data of a custom event type an app declares in `webhooks.events`: the generator makes one
/// struct per type (`<App>.Events.ProjectCopied`), so a handler names the type by naming the
/// struct and can only fill the members the schema declares. Emitted through
/// `HandlerContext.emit(_:)`, inside the handler's write transaction.
public protocol CustomEvent: JSONWritable {
    /// The declared type (`project.copied`).
    static var eventType: String { get }
}

/// One emitted custom event as write hooks see it, inside the transaction that emits it.
public struct EmittedEvent: Sendable {
    /// The declared type.
    public let type: String
    /// The `data` member: the event struct's JSON.
    public let data: RawJSON
    /// Who emitted it (the handler's caller); the tenant of the event in tenant-scoped apps.
    public let identity: Identity?
    /// The request that emitted it.
    public let requestID: String?
    /// Where it goes, for a type declaring a per-record `target`; `nil` otherwise.
    public let target: WebhookTarget?

    /// Creates an emitted event.
    public init(type: String, data: RawJSON, identity: Identity?, requestID: String?, target: WebhookTarget? = nil) {
        self.type = type
        self.data = data
        self.identity = identity
        self.requestID = requestID
        self.target = target
    }
}

/// The receiver of one event of a type declaring `webhooks.events.<type>.target`: a URL and a
/// signing secret that come from the record the event reports (a job's callback), not from a
/// subscription. The secret is never printed: `description` names the URL only.
public struct WebhookTarget: Sendable, Hashable, CustomStringConvertible {
    /// Where the event is POSTed (http or https; the delivery's address guard applies).
    public let url: String
    /// The signing secret (for `hmac-sha256`, its UTF-8 bytes are the HMAC key).
    public let secret: String

    /// Creates a target.
    public init(url: String, secret: String) {
        self.url = url
        self.secret = secret
    }

    public var description: String { "WebhookTarget(url: \(url), secret: <redacted>)" }
}

/// A write hook that also records custom events (the `Webhooks` outbox); `HandlerContext.emit`
/// asks every such hook of the server for its statements.
public protocol CustomEventHook: WriteHook {
    /// The statements recording `event` in `dialect`; throws for a type the app does not
    /// declare (which fails the whole write).
    func statements(for event: EmittedEvent, dialect: SQLDialect) throws -> [SQLStatement]
}

extension HandlerContext {
    /// The statements recording `event` (one outbox message and its deliveries when a
    /// subscription receives it; nothing when the server delivers no webhooks), as a plan to
    /// pass as `alongside:` of the typed store write the event reports, or to run with
    /// `database.write(_:)`: the event commits with that write or not at all. In a tenant-scoped
    /// app the event belongs to the caller's organization.
    public func emit<Event: CustomEvent>(_ event: Event) throws -> WritePlan {
        try hooks.emit(event, target: nil, identity: identity, requestID: requestID, dialect: database.dialect)
    }

    /// `emit(_:)` for a type that declares a per-record `target`: the event goes to `target`
    /// alone (its URL and secret taken from the record the event reports).
    public func emit<Event: CustomEvent>(_ event: Event, to target: WebhookTarget) throws -> WritePlan {
        try hooks.emit(event, target: target, identity: identity, requestID: requestID, dialect: database.dialect)
    }
}

extension WriteHooks {
    /// The statements every `CustomEventHook` (the webhook outbox) makes for `event`, as a plan
    /// to run in the transaction of the write the event reports; empty when no hook records
    /// events. Background services that write without a request use it as handlers use
    /// `HandlerContext.emit`.
    public func emit<Event: CustomEvent>(
        _ event: Event, target: WebhookTarget?, identity: Identity?, requestID: String?, dialect: SQLDialect
    ) throws -> WritePlan {
        var writer = JSONWriter(capacity: 256)
        event.writeJSON(to: &writer)
        let emitted = EmittedEvent(
            type: Event.eventType, data: RawJSON(validatedText: writer.string), identity: identity, requestID: requestID, target: target)
        var statements: [SQLStatement] = []
        for case let hook as any CustomEventHook in hooks {
            statements += try hook.statements(for: emitted, dialect: dialect)
        }
        return statements.isEmpty ? WritePlan() : WritePlan(statements)
    }
}
