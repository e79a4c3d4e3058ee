import Foundation
import Testing

@testable import SchemaModel

/// Keeps `Schemas/loom-schema.json` (the editor schema) in step with what the parser accepts.
@Suite("loom-schema.json")
struct LoomSchemaFileTests {
    /// `$defs` entries and the parser key lists they must mirror.
    static let objectDefinitions: [(name: String, keys: ObjectKeys)] = [
        ("project", SchemaKeys.project), ("app", SchemaKeys.app), ("limits", SchemaKeys.limits),
        ("table", SchemaKeys.table), ("primaryKey", SchemaKeys.primaryKey), ("index", SchemaKeys.index),
        ("field", SchemaKeys.field), ("endpoint", SchemaKeys.endpoint), ("requestBody", SchemaKeys.requestBody),
        ("response", SchemaKeys.response), ("auth", SchemaKeys.auth), ("authTokens", SchemaKeys.authTokens),
        ("authPasswords", SchemaKeys.authPasswords), ("authAPIKeys", SchemaKeys.authAPIKeys),
        ("authCookies", SchemaKeys.authCookies), ("permissions", SchemaKeys.permissions), ("owner", SchemaKeys.owner),
        ("authOAuth", SchemaKeys.authOAuth), ("authOAuthProvider", SchemaKeys.authOAuthProvider),
        ("authMail", SchemaKeys.authMail), ("authSMTP", SchemaKeys.authSMTP),
        ("authPlatformAdmins", SchemaKeys.authPlatformAdmins),
        ("tableRoutes", SchemaKeys.tableRoutes), ("routeOverrideObject", SchemaKeys.routeOverride),
        ("listParameter", SchemaKeys.listParameter), ("envelopes", SchemaKeys.envelopes),
        ("recordEnvelope", SchemaKeys.recordEnvelope), ("listEnvelope", SchemaKeys.listEnvelope),
        ("requestEnvelope", SchemaKeys.requestEnvelope), ("errors", SchemaKeys.errors), ("errorCode", SchemaKeys.errorCode),
        ("headers", SchemaKeys.headers), ("security", SchemaKeys.security),
        ("webhooks", SchemaKeys.webhooks),
        ("webhookSignature", SchemaKeys.webhookSignature), ("webhookDelivery", SchemaKeys.webhookDelivery),
        ("webhookSubscription", SchemaKeys.webhookSubscription), ("webhookManagement", SchemaKeys.webhookManagement),
        ("rateLimits", SchemaKeys.rateLimits), ("rateLimitPolicy", SchemaKeys.rateLimitPolicy),
        ("rateLimitGroup", SchemaKeys.rateLimitGroup), ("idempotency", SchemaKeys.idempotency),
        ("cors", SchemaKeys.cors), ("metrics", SchemaKeys.metrics),
    ]

    @Test("every $def lists exactly the keys the parser accepts and requires", arguments: 0..<objectDefinitions.count)
    func keysMatchParser(_ index: Int) throws {
        let (name, keys) = Self.objectDefinitions[index]
        let definition = try Self.definition(name)
        let properties = try #require(definition["properties"]?.members, "$defs.\(name) has no properties")
        #expect(Set(properties.map(\.key)) == Set(keys.accepted), "$defs.\(name) properties")
        let required = definition["required"]?.strings ?? []
        #expect(Set(required) == keys.required, "$defs.\(name) required")
        #expect(
            definition["additionalProperties"] == .bool(false), "$defs.\(name) must set additionalProperties: false")
        #expect(definition["description"]?.string?.isEmpty == false, "$defs.\(name) needs a description")
    }

    @Test("fields in maps require a description, as the parser does outside array items")
    func fieldMapRequiresDescription() throws {
        let additional = try #require(try Self.definition("fieldMap")["additionalProperties"])
        #expect(additional["$ref"] == .string("#/$defs/field"))
        #expect(additional["required"]?.strings == ["description"])
    }

    @Test("enumerations match the Swift enums")
    func enumerations() throws {
        func enumeration(_ definition: String, _ property: String) throws -> [String]? {
            try Self.definition(definition)["properties"]?[property]?["enum"]?.strings
        }
        #expect(try enumeration("field", "type") == FieldType.allCases.map(\.rawValue))
        #expect(try enumeration("field", "onDelete") == OnDeleteAction.allCases.map(\.rawValue))
        #expect(try enumeration("endpoint", "method") == EndpointMethod.allCases.map(\.rawValue))
        #expect(try enumeration("app", "errorFormat") == ErrorFormat.allCases.map(\.rawValue))
        #expect(try enumeration("authCookies", "sameSite") == CookieSameSite.allCases.map(\.rawValue))
        #expect(try enumeration("authMail", "sender") == MailSenderKind.allCases.map(\.rawValue))
        #expect(try enumeration("authSMTP", "security") == SMTPSecurity.allCases.map(\.rawValue))
        #expect(try enumeration("primaryKey", "type") == PrimaryKeyType.allCases.map(\.rawValue))
        #expect(try enumeration("webhookSignature", "scheme") == WebhookSignatureScheme.allCases.map(\.rawValue))
        let tableEvents = try Self.definition("webhooks")["properties"]?["tables"]?["additionalProperties"]?["items"]?["enum"]?.strings
        #expect(tableEvents == WebhookTableOperation.allCases.map(\.rawValue))
        let required = try Self.definition("idempotency")["properties"]?["required"]?["items"]?["enum"]?.strings
        #expect(required == IdempotentTableOperation.allCases.map(\.rawValue))
        #expect(try enumeration("endpoint", "idempotency") == EndpointIdempotency.allCases.map(\.rawValue))
        #expect(try enumeration("app", "naming") == NamingStyle.allCases.map(\.rawValue))
        #expect(try enumeration("listParameter", "compare") == ListParameterComparison.allCases.map(\.rawValue))
        let metadata = try Self.definition("listEnvelope")["properties"]?["metadata"]?["items"]?["enum"]?.strings
        #expect(metadata == ListMetadata.allCases.map(\.rawValue))
        let members = try Self.definition("authTokens")["properties"]?["responseMembers"]?["items"]?["enum"]?.strings
        #expect(members == TokenResponseMember.allCases.map(\.rawValue))
        #expect(try enumeration("authTokens", "refreshTokenFormat") == RefreshTokenFormat.allCases.map(\.rawValue))
        let codes = try Self.definition("errors")["properties"]?["codes"]?["propertyNames"]?["enum"]?.strings
        #expect(codes == LoomErrorCode.allCases.map(\.rawValue))
        let operations = try Self.definition("table")["properties"]?["operations"]?["items"]?["enum"]?.strings
        #expect(operations == TableOperation.allCases.map(\.rawValue))
        let statuses = try Self.definition("response")["properties"]?["status"]?["enum"]
        #expect(statuses == .array(EndpointRules.successStatuses.map { .integer(Int64($0)) }))
    }

    @Test("defaults match the Swift defaults")
    func defaults() throws {
        func defaultValue(_ definition: String, _ property: String) throws -> JSONValue? {
            try Self.definition(definition)["properties"]?[property]?["default"]
        }
        let limits = LimitsSchema()
        #expect(try defaultValue("limits", "maxBodyBytes") == .integer(Int64(limits.maxBodyBytes)))
        #expect(try defaultValue("limits", "defaultPageSize") == .integer(Int64(limits.defaultPageSize)))
        #expect(try defaultValue("limits", "maxPageSize") == .integer(Int64(limits.maxPageSize)))
        #expect(try defaultValue("limits", "maxURLBytes") == .integer(Int64(limits.maxURLBytes)))
        #expect(try defaultValue("limits", "maxHeaderBytes") == .integer(Int64(limits.maxHeaderBytes)))
        #expect(try defaultValue("limits", "maxQueryParameters") == .integer(Int64(limits.maxQueryParameters)))
        #expect(try defaultValue("limits", "timeoutSeconds") == .integer(Int64(limits.timeoutSeconds)))
        #expect(try defaultValue("limits", "batchTimeoutSeconds") == .integer(Int64(limits.batchTimeoutSeconds)))
        let app = AppConfig(file: "", name: "", title: "", version: "", description: "")
        #expect(try defaultValue("app", "basePath") == .string(app.basePath))
        #expect(try defaultValue("app", "errorFormat") == .string(app.errorFormat.rawValue))
        #expect(try defaultValue("primaryKey", "name") == .string(PrimaryKeySchema().name))
        #expect(try defaultValue("table", "operations") == .array(TableOperation.allCases.map { .string($0.rawValue) }))
        let delivery = WebhookDeliveryConfig()
        #expect(try defaultValue("webhooks", "tenantScoped") == .bool(WebhooksConfig().tenantScoped))
        #expect(try defaultValue("webhookSignature", "header") == .string(WebhookSignatureConfig.defaultHeader))
        #expect(try defaultValue("webhookDelivery", "retrySchedule") == .array(delivery.retrySchedule.map { .integer(Int64($0)) }))
        #expect(try defaultValue("webhookDelivery", "timeoutSeconds") == .integer(Int64(delivery.timeoutSeconds)))
        #expect(try defaultValue("webhookDelivery", "jitterPercent") == .integer(Int64(delivery.jitterPercent)))
        #expect(try defaultValue("webhookDelivery", "maxConcurrencyPerEndpoint") == .integer(Int64(delivery.maxConcurrencyPerEndpoint)))
        #expect(try defaultValue("webhookDelivery", "connectTimeoutSeconds") == .integer(Int64(delivery.connectTimeoutSeconds)))
        #expect(try defaultValue("webhookDelivery", "disableAfterFailingHours") == .integer(Int64(delivery.disableAfterFailingHours)))
        #expect(try defaultValue("webhookDelivery", "retentionDays") == .integer(Int64(delivery.retentionDays)))
    }

    @Test("every $ref points at an existing $def")
    func referencesResolve() throws {
        let definitions = try #require(try Self.document()["$defs"]?.members).map(\.key)
        var references: [String] = []
        func collect(_ value: JSONValue) {
            switch value {
            case .object(let members):
                for member in members {
                    if member.key == "$ref", case .string(let reference) = member.value { references.append(reference) }
                    collect(member.value)
                }
            case .array(let elements): elements.forEach(collect)
            default: break
            }
        }
        collect(try Self.document())
        #expect(!references.isEmpty)
        for reference in references {
            #expect(reference.hasPrefix("#/$defs/"), "\(reference)")
            #expect(definitions.contains(String(reference.dropFirst("#/$defs/".count))), "\(reference)")
        }
    }

    /// The parsed `Schemas/loom-schema.json` of this repository.
    static func document() throws -> JSONValue {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let data = try Data(contentsOf: root.appendingPathComponent("Schemas/loom-schema.json"))
        return try JSONParser.parse([UInt8](data))
    }

    /// One entry of the document's `$defs`.
    static func definition(_ name: String) throws -> JSONValue {
        try #require(try document()["$defs"]?[name], "Schemas/loom-schema.json has no $defs.\(name)")
    }
}

extension JSONValue {
    /// The member `key` of an object.
    fileprivate subscript(key: String) -> JSONValue? {
        guard case .object(let members) = self else { return nil }
        return members.first { $0.key == key }?.value
    }

    fileprivate var members: [JSONMember]? {
        if case .object(let members) = self { members } else { nil }
    }

    fileprivate var string: String? {
        if case .string(let string) = self { string } else { nil }
    }

    fileprivate var strings: [String]? {
        guard case .array(let elements) = self else { return nil }
        let strings = elements.compactMap(\.string)
        return strings.count == elements.count ? strings : nil
    }
}
