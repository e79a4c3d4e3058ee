import Foundation
import OpenAPIKit
import SchemaModel

/// Builds the OpenAPI 3.1 document a generated server serves at `/openapi.json`.
///
/// The document describes exactly what `Runtime` serves for the app: the built-in routes, the
/// CRUD routes of each table's declared operations, and the custom endpoints. It is a pure
/// function of the schema: paths, components and tags are sorted and the encoder sorts keys,
/// so regenerating an unchanged schema yields byte-identical output (which `loom --check` relies on).
public enum OpenAPIBuilder {
    /// The OpenAPI version every document declares. 3.1, not 3.2: it is what validators and
    /// client generators support today, and nothing Loom emits needs 3.2.
    public static let openAPIVersion: OpenAPI.Document.Version = .v3_1_1

    /// The document for `app` as pretty-printed JSON with sorted keys, ending with a newline.
    ///
    /// `DocumentChecks` checks it unless it is byte for byte `published`, the document already in
    /// `Generated/`, which passed the same checks when it was written.
    public static func document(for app: AppSchema, published: String? = nil) throws -> String {
        let document = try openAPIDocument(for: app)
        let text = try encode(document, app: app)
        if text != published { try validate(document, json: text, app: app) }
        return text
    }

    /// The typed document for `app`, before validation and encoding.
    public static func openAPIDocument(for app: AppSchema) throws -> OpenAPI.Document {
        try ResponseFactory.$requestIDHeader.withValue(app.config.headers.requestId) { try build(app) }
    }

    /// The name of the vendor extension that marks a table's operations:
    /// `{"table": "<name>", "operation": "<list|get|create|...>"}`, so a client (the admin
    /// console) tells a table's routes from the other families by a declared fact, not by tag
    /// or path.
    static let tableExtension = "x-loom-table"

    /// `route` marked as the `key` operation of `table` (`tableExtension`).
    private static func tableMarked(_ route: DocumentedRoute, table: TableSchema, key: TableRouteKey) -> DocumentedRoute {
        var route = route
        route.operation.vendorExtensions[tableExtension] = AnyCodable(["table": table.name, "operation": key.rawValue])
        return route
    }

    private static func build(_ app: AppSchema) throws -> OpenAPI.Document {
        let context = DocumentContext(app: app)
        var paths = PathCollector()
        for route in SystemOperations.routes(context: context) {
            try paths.add(route)
        }
        for table in app.tables {
            let fields = FieldSchemaBuilder(context: context, table: table)
            for (key, route) in try TableOperations(table: table, context: context, fields: fields).routes() {
                let route = tableMarked(route, table: table, key: key)
                guard let auth = app.config.auth else { try paths.add(route); continue }
                let requirements = OperationSecurity.requirements(of: key, table: table, app: app.config)
                let security = OperationSecurity(auth: auth, statuses: context.errorStatuses)
                try paths.add(security.secure(
                    route, requirements: requirements, tenant: table.tenant, owner: table.owner,
                    hidesRefusals: table.forbiddenAsNotFound ?? app.config.errors.forbiddenAsNotFound,
                    perAction: key == .batch ? OperationSecurity.batchActions(of: table, app: app.config) : nil))
            }
        }
        for endpoint in app.endpoints {
            let fields = FieldSchemaBuilder(declaredIn: endpoint.file, context: context)
            let route = try EndpointOperations(endpoint: endpoint, context: context, fields: fields).route()
            guard let auth = app.config.auth else { try paths.add(route); continue }
            try paths.add(OperationSecurity(auth: auth, statuses: context.errorStatuses).secure(
                route, requirements: [AccessTranslator.endpointRequirement(endpoint, app: app.config)]))
        }
        if let auth = app.config.auth {
            for route in AuthOperations(auth: auth, context: context).routes() {
                try paths.add(route)
            }
            if let platform = auth.platformAdmins {
                for route in PlatformOperations(auth: auth, platform: platform, context: context).routes() {
                    try paths.add(route)
                }
            }
        }
        if app.config.audit != nil {
            for route in AuditOperations(context: context).routes() { try paths.add(route) }
        }
        if let usage = app.config.usage {
            for route in UsageOperations(context: context, usage: usage).routes() { try paths.add(route) }
        }
        if let webhooks = app.config.webhooks, let management = webhooks.management {
            for route in WebhookOperations(context: context, webhooks: webhooks, management: management).routes() { try paths.add(route) }
        }
        if let limits = app.config.rateLimits, !limits.tiers.isEmpty {
            for route in RateLimitTierOperations(context: context, limits: limits).routes() { try paths.add(route) }
        }
        let config = app.config
        let info = DocumentInfo(document: config.document)
        let webhooks = try config.webhooks.map { try WebhookEvents(webhooks: $0, context: context).pathItems() } ?? [:]
        // After the paths and webhooks: the components include the enums they recorded.
        let components = try ComponentsBuilder(context: context).components()
        let document = OpenAPI.Document(
            openAPIVersion: openAPIVersion,
            info: OpenAPI.Document.Info(
                title: config.title, description: config.description + "\n\n" + Self.timestampNote, contact: info.contact,
                license: info.license, version: config.version),
            servers: try info.servers(),
            paths: documentingLimits(of: config, paths.pathItems, statuses: context.errorStatuses),
            webhooks: webhooks,
            components: components,
            tags: tags(for: context))
        return DocumentExamples.apply(to: document)
    }

    /// `items` with the answers of the app's request limits (every operation) and rate limits
    /// (every limited operation) added.
    private static func documentingLimits(
        of config: AppConfig, _ items: OpenAPI.PathItem.Map, statuses: ErrorStatuses
    ) -> OpenAPI.PathItem.Map {
        let limited = RequestLimitDocumentation(limits: config.limits, statuses: statuses).apply(to: items)
        return config.rateLimits.map { RateLimitDocumentation(limits: $0, headers: config.headers).apply(to: limited) } ?? limited
    }

    /// How every `date-time` is written, said once in the document's description: generated
    /// clients that expect whole seconds (swift-openapi-generator's default transcoder) fail to
    /// decode milliseconds unless configured, and the fraction is kept because list order and
    /// cursors rely on it.
    static let timestampNote = "Timestamps (`date-time`) are RFC 3339 in UTC with milliseconds, such as "
        + "`2026-12-04T14:24:32.027Z`. Clients generated by swift-openapi-generator decode them with "
        + "`Configuration(dateTranscoder: .iso8601WithFractionalSeconds)`."

    /// One tag per table, `operations` when a custom endpoint needs it, and `system`, by name.
    private static func tags(for context: DocumentContext) -> [OpenAPI.Tag] {
        var tags = context.app.tables.map { OpenAPI.Tag(name: $0.name, description: $0.description) }
        let tableNames = context.tableNames
        if context.app.endpoints.contains(where: { OpenAPINames.tag(for: $0, tableNames: tableNames) == OpenAPINames.operationsTag }) {
            tags.append(OpenAPI.Tag(name: OpenAPINames.operationsTag, description: "Custom operations of the app."))
        }
        tags.append(OpenAPI.Tag(name: OpenAPINames.systemTag, description: "Health probes, this document and the documentation page."))
        if context.config.auth != nil {
            tags.append(OpenAPI.Tag(name: AuthOperations.tag, description: "Accounts, sessions, tokens and API keys."))
        }
        if context.config.auth?.platformAdmins != nil {
            tags.append(OpenAPI.Tag(name: PlatformOperations.tag, description: "Platform administration: admins, organizations, end users, bans, impersonation."))
        }
        if context.config.audit != nil {
            tags.append(OpenAPI.Tag(name: AuditOperations.tag, description: "The audit trail of every write to the app's tables."))
        }
        if context.config.usage != nil {
            tags.append(OpenAPI.Tag(name: UsageOperations.tag, description: "Requests, errors and latency per API key, organization and day."))
        }
        if context.config.webhooks?.management != nil {
            tags.append(OpenAPI.Tag(name: WebhookOperations.tag, description: "Webhook subscriptions, their secrets, messages, attempts and replays."))
        }
        if context.config.webhooks?.events.isEmpty == false {
            tags.append(OpenAPI.Tag(name: WebhookEvents.customTag, description: "Custom webhook events that the app's handlers emit."))
        }
        if let limits = context.config.rateLimits, !limits.tiers.isEmpty {
            tags.append(OpenAPI.Tag(name: RateLimitTierOperations.tag, description: "Rate-limit tiers and the tier of each API key and organization."))
        }
        return tags.sorted { $0.name < $1.name }
    }

    /// Fails generation when the assembled document breaks a rule of `DocumentChecks`.
    private static func validate(_ document: OpenAPI.Document, json: String, app: AppSchema) throws {
        let problems = DocumentChecks.problems(in: document, json: json)
        guard problems.isEmpty else {
            throw OpenAPIBuildError(
                code: .invalidDocument, message: "the OpenAPI document is invalid: " + problems.joined(separator: "; "),
                file: app.config.file)
        }
    }

    private static func encode(_ document: OpenAPI.Document, app: AppSchema) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(document), as: UTF8.self) + "\n"
        } catch {
            throw OpenAPIBuildError(code: .encodingFailed, message: "encoding the OpenAPI document failed: \(error)", file: app.config.file)
        }
    }
}
