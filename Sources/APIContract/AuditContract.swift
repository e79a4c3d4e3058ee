/// The audit family: `GET <base>/audit`, the read-only trail of every table write, served by
/// `Runtime`'s `AuditRoutes` and documented by the OpenAPI builder from this one declaration.
/// An app has it when its `app.json` has an `audit` section (which needs an `auth` section).
public enum AuditContract {
    /// Path of the trail under the base path.
    public static let path = "/audit"
    /// The scope reading the trail needs (`*` and `audit:*` grant it too).
    public static let readScope = "audit:read"
    /// Name of one event's schema component.
    public static let eventSchema = "AuditEvent"
    /// Name of the page's schema component.
    public static let pageSchema = "AuditEventPage"
    /// Name of the schema of one event's answer (the event, in the app's record envelope).
    public static let answerSchema = "AuditEventAnswer"
    /// Longest text filter.
    public static let maximumFilterLength = 200
    /// The actions a table write is recorded as (`RecordChange.Operation`'s raw values).
    public static let tableActions = ["created", "updated", "deleted", "restored"]
    /// The two trails: writes to the app's tables, and the `Auth` module's security events.
    public static let sources = ["tables", "auth"]
    /// `resource` of every event of the `auth` trail.
    public static let authResource = "auth"

    /// The filters and the page of the list, in the order they are documented; the page takes
    /// the app's page sizes (`limits.defaultPageSize`, `limits.maxPageSize`).
    public static func queryParameters(page: ContractPageSize) -> [ContractParameter] {
        let text = ContractParameter.Kind.string(maxLength: maximumFilterLength)
        let time = ContractParameter.Kind.dateTime
        return [
            ContractParameter(
                "source", in: .query, .enumeration(sources),
                "`tables` (default): writes to the app's tables. `auth`: security events of accounts, sessions, keys and "
                    + "organizations (sign-up, login, login_failed, password_changed, password_reset, api_key_created, "
                    + "api_key_revoked, role_assigned, member_role_changed, session_revoked, ...); they belong to no "
                    + "organization, so only a caller bound to none may read them."),
            ContractParameter("actor", in: .query, text, "Only events by this actor (a user id, or an API key's subject)."),
            ContractParameter(
                "action", in: .query, text,
                "Only events of this action (tables: \(tableActions.joined(separator: ", ")); auth: the event's name)."),
            ContractParameter("resource", in: .query, text, "Only events on this resource (a table name)."),
            ContractParameter("resource_id", in: .query, text, "Only events on the record with this key."),
            ContractParameter("since", in: .query, time, "Only events at or after this time (ISO 8601 date-time)."),
            ContractParameter("until", in: .query, time, "Only events before this time (ISO 8601 date-time)."),
        ] + page.parameters("Events")
    }

    /// The family's routes, relative to the base path, with the app's page sizes.
    public static func routes(page: ContractPageSize) -> [ContractRoute<AuditOperation>] { [
        ContractRoute(
            .listAuditEvents, .get, path, summary: "List audit events",
            description: "Every write to the app's tables, newest first, recorded in the write's own transaction: who (actor, "
                + "credential, organization), what (action, resource, id, the names of the changed fields, never their values), "
                + "and from where (request id, client IP). Needs the `\(readScope)` scope; a caller bound to an organization "
                + "sees only that organization's events. `source=auth` reads the security events the `Auth` module records in "
                + "the transactions of sign-ups, logins, password changes, key and role changes. Events older than the app's "
                + "retention are purged.",
            responses: [ContractResponse(200, .json(pageSchema), "One page of events, newest first.")],
            credentials: .userTokenOrKey, errors: [.badRequest], implied: ContractError.serverErrors, parameters: queryParameters(page: page)),
        ContractRoute(
            .getAuditEvent, .get, path + "/{id}", summary: "Get an audit event",
            description: "One event of either trail by its id, with the list's rules: the `\(readScope)` scope; a caller bound "
                + "to an organization finds only that organization's events, and only a caller bound to none finds an event of "
                + "the `auth` trail. 404 otherwise, as for an unknown id.",
            responses: [ContractResponse(200, .json(answerSchema), "The event.")],
            credentials: .userTokenOrKey, errors: [.badRequest, .notFound], implied: ContractError.serverErrors,
            parameters: [ContractParameter("id", in: .path, .uuid, "The event's id.")]),
    ] }
}
