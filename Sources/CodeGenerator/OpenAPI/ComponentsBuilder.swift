import APIContract
import OpenAPIKit
import SchemaModel

/// Assembles `components`: every schema, error response, shared parameter and header, each
/// dictionary sorted by name, refusing two components of one kind with the same name.
struct ComponentsBuilder {
    /// App-wide facts.
    let context: DocumentContext

    /// The components object.
    func components() throws -> OpenAPI.Components {
        let errors = ErrorComponents(config: context.config)
        var schemas: [(String, JSONSchema)] = errors.schemas()
        schemas.append((SystemOperations.healthStatusName, SystemOperations.healthStatusSchema(context.config)))
        if TableCatalog.served(context.config) {
            schemas.append((SystemContract.tableCatalogSchema, try SystemOperations.tableCatalogSchema(context.app)))
        }
        for table in context.app.tables {
            let fields = FieldSchemaBuilder(context: context, table: table)
            schemas += try TableSchemas(table: table, fields: fields).schemas()
            schemas += BatchRoute(table: table, context: context).schemas()
        }
        for endpoint in context.app.endpoints {
            let fields = FieldSchemaBuilder(declaredIn: endpoint.file, context: context)
            schemas += try EndpointOperations(endpoint: endpoint, context: context, fields: fields).schemas()
        }
        var responses = errors.responses()
        responses += RequestLimitDocumentation(limits: context.config.limits, statuses: context.errorStatuses).responses(errors: errors)
        var securitySchemes: [(String, OpenAPI.SecurityScheme)] = []
        if let auth = context.config.auth {
            let authSchemas = AuthSchemas(auth: auth, fields: FieldSchemaBuilder(context: context, file: context.config.file))
            schemas += try authSchemas.schemas()
            responses += AuthSchemas.responses(errors: errors)
            securitySchemes = authSchemas.securitySchemes()
            if auth.platformAdmins != nil {
                schemas += try authSchemas.platformSchemas()
                securitySchemes.append(PlatformOperations.securityScheme())
            }
        }
        if context.config.audit != nil {
            schemas += try AuditOperations(context: context).schemas()
        }
        if let usage = context.config.usage {
            schemas += try UsageOperations(context: context, usage: usage).schemas()
        }
        if let webhooks = context.config.webhooks, let management = webhooks.management {
            schemas += try WebhookOperations(context: context, webhooks: webhooks, management: management).schemas()
        }
        if let limits = context.config.rateLimits, !limits.tiers.isEmpty {
            schemas += try RateLimitTierOperations(context: context, limits: limits).schemas()
        }
        // Last: every schema above (and every path, built before) has recorded its enums.
        schemas += try context.enums.components()
        var parameters: [(String, OpenAPI.Parameter)] = [
            (TableOperations.limitParameterName, TableOperations.limitParameter(context.config.limits)),
            (TableOperations.offsetParameterName, TableOperations.offsetParameter()),
            (ListQueryParameters.cursorName, ListQueryParameters.cursor()),
            (ListQueryParameters.countName, ListQueryParameters.count()),
            (ListQueryParameters.ifMatchName, ListQueryParameters.ifMatch()),
            (ListQueryParameters.ifNoneMatchName, ListQueryParameters.ifNoneMatch()),
        ]
        if context.app.tables.contains(where: \.softDelete) {
            parameters.append((ListQueryParameters.deletedName, ListQueryParameters.deleted()))
            parameters.append((ListQueryParameters.includeDeletedName, ListQueryParameters.includeDeleted(naming: context.config.jsonNaming)))
        }
        var headers = [(ResponseFactory.requestIDComponent, ResponseFactory.requestIDHeaderComponent(name: context.config.headers.requestId))]
        if let limits = context.config.rateLimits {
            let documentation = RateLimitDocumentation(limits: limits, headers: context.config.headers)
            headers += documentation.headerComponents().map { ($0.component, $0.header) }
            responses.append((RateLimitDocumentation.rateLimitedComponent, documentation.rateLimitedResponse(errors: errors)))
        }
        if IdempotencyTranslator.config(context.config) != nil {
            headers.append((IdempotencyDocumentation.replayedComponent, IdempotencyDocumentation.replayedHeader()))
        }
        return OpenAPI.Components(
            schemas: try Self.sorted(schemas, kind: "schema") { $0 },
            responses: try Self.sorted(responses, kind: "response") { .b($0) },
            parameters: try Self.sorted(parameters, kind: "parameter") { .b($0) },
            headers: try Self.sorted(headers, kind: "header") { .b($0) },
            securitySchemes: try Self.sorted(securitySchemes, kind: "security scheme") { .b($0) })
    }

    /// A component dictionary in name order; a repeated or malformed name is an error because
    /// the later component would silently replace the earlier one.
    private static func sorted<Value, Stored>(
        _ entries: [(String, Value)], kind: String, wrap: (Value) -> Stored
    ) throws -> OrderedDictionary<OpenAPI.ComponentKey, Stored> {
        var byName: [String: Value] = [:]
        for (name, value) in entries {
            guard byName[name] == nil else {
                throw OpenAPIBuildError(
                    code: .duplicateComponentName,
                    message: "two \(kind) components are named \"\(name)\"; declare a distinct \"singular\" on a table, or rename a table, "
                        + "enum field or endpoint so their PascalCase names differ")
            }
            byName[name] = value
        }
        var result = OrderedDictionary<OpenAPI.ComponentKey, Stored>()
        for name in byName.keys.sorted() {
            guard let key = OpenAPI.ComponentKey(rawValue: name), let value = byName[name] else {
                throw OpenAPIBuildError(code: .invalidComponentName, message: "\"\(name)\" cannot be an OpenAPI component name")
            }
            result[key] = wrap(value)
        }
        return result
    }
}
