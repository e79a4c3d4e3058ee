import APIContract
import OpenAPIKit
import SchemaModel

/// The audit family (`APIContract`'s `AuditContract`) as operations under the base path, tagged
/// `audit`, with the components of its answer. Present when the app has an `audit` section.
struct AuditOperations {
    /// Tag of the audit route.
    static let tag = "audit"

    /// App-wide facts.
    let context: DocumentContext

    /// The audit route, documented.
    func routes() -> [DocumentedRoute] {
        let documenter = ContractDocumenter(context: context)
        return AuditContract.routes(page: context.config.limits.contractPageSize).flatMap { documenter.document($0, prefix: context.config.basePath, tag: Self.tag) }
    }

    /// `AuditEvent` and `AuditEventPage`, as `Runtime`'s `AuditEvent` and `AuditPage` write them.
    func schemas() throws -> [(String, JSONSchema)] {
        let fields = FieldSchemaBuilder(context: context, file: context.config.file)
        var event = try fields.properties(of: [
            FieldSchema(name: "id", type: .uuid, description: "Event id.", required: true),
            FieldSchema(name: "occurred_at", type: .datetime, description: "When the write committed its transaction.", required: true),
            FieldSchema(
                name: "actor", type: .string, description: "The user behind the credential (or the credential's subject); null when anonymous.",
                required: true, nullable: true),
            FieldSchema(
                name: "credential", type: .string,
                description: "The credential used: its kind and the session or key id, e.g. `api_key:<id>`; null when anonymous.",
                required: true, nullable: true),
            FieldSchema(
                name: "organization_id", type: .string, description: "The organization the caller was bound to, if any.",
                required: true, nullable: true),
            FieldSchema(
                name: "action", type: .string,
                description: "What happened: \(AuditContract.tableActions.joined(separator: ", ")) for a table write; the event's name "
                    + "(`login`, `login_failed`, `api_key_revoked`, ...) in the auth trail.",
                required: true),
            FieldSchema(
                name: "resource", type: .string,
                description: "The table written, or `\(AuditContract.authResource)` in the auth trail.", required: true),
            FieldSchema(
                name: "resource_id", type: .string,
                description: "The record's key; in the auth trail the account, session, key or organization acted on, if any.",
                required: true, nullable: true),
            FieldSchema(name: "request_id", type: .string, description: "The request's `X-Request-Id`.", required: true, nullable: true),
            FieldSchema(name: "client_ip", type: .string, description: "The client's IP address.", required: true, nullable: true),
        ], usage: .input)
        event.append(.init(
            fields.naming.name("changed_fields"),
            SchemaFactory.array(
                of: SchemaFactory.string("A member name."),
                description: "Names of the members the write set (create) or changed (update), or the facts an auth event records; "
                    + "never their values. Empty on delete and restore."),
            required: true))
        // Loom's page `{items, total, limit, offset}`, or the app's list envelope (`envelopes.families`).
        let page = FamilyEnvelopes(config: context.config).of(.audit).list(
            of: SchemaFactory.reference(AuditContract.eventSchema), description: "One page of the audit trail, newest first.",
            naming: fields.naming, page: FamilyEnvelopes.pageDescriptions("events"))
        let answer = FamilyEnvelopes(config: context.config).of(.audit).answer(
            SchemaFactory.reference(AuditContract.eventSchema), description: "One audit event, in the app's record envelope.",
            naming: fields.naming)
        return [
            (AuditContract.eventSchema, SchemaFactory.object(event, description: "One write to a table of the app.")),
            (AuditContract.pageSchema, page),
            (AuditContract.answerSchema, answer),
        ]
    }
}
