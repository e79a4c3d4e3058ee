import APIContract
import SchemaModel

/// Translates one custom endpoint: its typed input, its output, and its route.
struct EndpointTranslator {
    let endpoint: EndpointSchema
    let app: AppConfig
    let namespace: String

    func translate() -> EndpointRenderModel {
        let naming = app.fieldJSONNaming
        var structs: [StructRenderModel] = []
        if let body = endpoint.requestBody {
            structs += StructTranslator.structs(named: "Body", fields: body.fields, description: body.description, naming: naming)
        }
        let hasOutput = endpoint.response.status != 204
        if hasOutput {
            structs += StructTranslator.structs(named: "Output", fields: endpoint.response.fields, description: endpoint.response.description, naming: naming)
        }
        var parameters: [PropertyRenderModel] = []
        for (index, field) in (endpoint.pathParameters + endpoint.queryParameters).enumerated() {
            let isPath = index < endpoint.pathParameters.count
            parameters.append(StructTranslator.property(
                field, index: index, optional: !isPath && StructTranslator.isOptional(field), prefix: "Input", naming: isPath ? .snakeCase : naming))
        }
        if let last = parameters.indices.last { parameters[last].isLast = true }
        var model = EndpointRenderModel(
            namespace: namespace,
            typeName: SwiftNames.pascalCase(endpoint.name),
            sourceFile: endpoint.file,
            methodName: SwiftNames.camelCase(endpoint.name),
            methodLiteral: SwiftNames.literal(endpoint.method.rawValue),
            pathLiteral: SwiftNames.literal(app.basePath + endpoint.path),
            docLines: SwiftNames.docLines((endpoint.summary.map { $0 + "\n\n" } ?? "") + endpoint.description),
            parameters: parameters,
            pathRules: endpoint.pathParameters.listItems { FieldRules.rule(pathRule($0), referencedKeys: [:]) },
            queryRules: endpoint.queryParameters.listItems { FieldRules.rule($0, referencedKeys: [:], naming: naming) },
            hasBody: endpoint.requestBody != nil,
            hasOutput: hasOutput,
            statusCode: endpoint.response.status,
            status: Self.status(endpoint.response.status),
            bodyRules: endpoint.requestBody == nil ? "nil" : "Body.rules",
            structs: structs)
        model.requirementExpression = AccessTranslator.requirement(AccessTranslator.endpointRequirement(endpoint, app: app))
        if let requirement = IdempotencyTranslator.requirement(of: endpoint, app: app) {
            model.idempotencyArgument = ", idempotency: .\(requirement.rawValue)"
        }
        model.budgetArgument = endpoint.timeoutSeconds.map { ", budget: .seconds(\($0))" } ?? ""
        if let webhook = endpoint.webhook {
            model.hasWebhook = true
            model.webhookExpression = Self.webhookExpression(webhook, endpoint: endpoint.name)
            model.webhookArgument = ", webhook: webhook"
        }
        return model
    }

    /// `IncomingWebhook(endpoint:scheme:secretVariable:toleranceSeconds:header:)` of a declaration.
    static func webhookExpression(_ webhook: IncomingWebhookSchema, endpoint: String) -> String {
        let scheme: String
        switch webhook.scheme {
        case .standardWebhooks: scheme = ".standardWebhooks"
        case .github: scheme = ".github"
        case .stripe: scheme = ".stripe"
        case .hmacSHA256: scheme = ".hmacSHA256"
        }
        var arguments = [
            "endpoint: \(SwiftNames.literal(endpoint))", "scheme: \(scheme)",
            "secretVariable: \(SwiftNames.literal(webhook.secretEnv))",
        ]
        if webhook.scheme.hasTimestamp {
            arguments.append("toleranceSeconds: \(webhook.toleranceSeconds ?? IncomingWebhookSchema.defaultToleranceSeconds)")
        }
        if webhook.scheme == .hmacSHA256 {
            arguments.append("header: \(SwiftNames.literal(webhook.header ?? IncomingWebhookSchema.defaultHeader))")
        }
        return "IncomingWebhook(" + arguments.joined(separator: ", ") + ")"
    }

    /// Path parameters are always present.
    private func pathRule(_ field: FieldSchema) -> FieldSchema {
        var rule = field
        rule.required = true
        return rule
    }

    static func status(_ code: Int) -> String {
        switch code {
        case 201: return "201 Created"
        case 202: return "202 Accepted"
        case 204: return "204 No Content"
        default: return "200 OK"
        }
    }
}

/// Translates body and response fields into value structs, nested objects included.
enum StructTranslator {
    /// The struct `name` and one struct per nested object, flattened (`Output`, `OutputEventsItems`).
    static func structs(named name: String, fields: [FieldSchema], description: String, naming: JSONNaming) -> [StructRenderModel] {
        var properties: [PropertyRenderModel] = []
        var nested: [StructRenderModel] = []
        for (index, field) in fields.enumerated() {
            properties.append(property(field, index: index, optional: isOptional(field), prefix: name, naming: naming))
            nested += nestedStructs(field, prefix: name, naming: naming)
        }
        if let last = properties.indices.last { properties[last].isLast = true }
        let model = StructRenderModel(
            typeName: name, docLines: SwiftNames.docLines(description), properties: properties,
            rules: fields.listItems { FieldRules.rule($0, referencedKeys: [:], structPrefix: name, naming: naming) })
        return [model] + nested
    }

    private static func nestedStructs(_ field: FieldSchema, prefix: String, naming: JSONNaming) -> [StructRenderModel] {
        let name = prefix + SwiftNames.pascalCase(field.name)
        switch field.type {
        case .object: return structs(named: name, fields: field.fields ?? [], description: field.description, naming: naming)
        case .array:
            guard let items = field.items?.value else { return [] }
            return nestedStructs(items, prefix: name, naming: naming)
        default: return []
        }
    }

    /// A field is optional in Swift when it may be null or may be absent without a default.
    static func isOptional(_ field: FieldSchema) -> Bool {
        field.nullable || (!field.required && field.defaultValue == nil)
    }

    static func property(_ field: FieldSchema, index: Int, optional: Bool, prefix: String, naming: JSONNaming) -> PropertyRenderModel {
        let type = swiftType(field, prefix: prefix)
        return PropertyRenderModel(
            swiftName: SwiftNames.camelCase(field.name), swiftType: type + (optional ? "?" : ""),
            jsonNameLiteral: SwiftNames.literal(naming.name(field.name)), docLines: SwiftNames.docLines(field.description),
            readExpression: read(field, index: index, optional: optional, prefix: prefix), isLast: false)
    }

    static func swiftType(_ field: FieldSchema, prefix: String) -> String {
        let name = prefix + SwiftNames.pascalCase(field.name)
        switch field.type {
        case .object: return name
        case .array:
            guard let items = field.items?.value else { return "[RawJSON]" }
            return "[" + swiftType(items, prefix: name) + "]"
        default: return FieldRules.scalarSwiftType(field.type, referencedKey: nil)
        }
    }

    private static func read(_ field: FieldSchema, index: Int, optional: Bool, prefix: String) -> String {
        let name = prefix + SwiftNames.pascalCase(field.name)
        switch field.type {
        case .object:
            if optional { return "try values.optionalObject(\(index)).map { try \(name)(values: $0) }" }
            return "try \(name)(values: values.object(\(index)))"
        case .array:
            let element = field.items.map { elementRead($0.value, prefix: name) } ?? "try $0.asObject.json(0)"
            if optional { return "try values.optionalArray(\(index))?.map { \(element) }" }
            return "try values.array(\(index)).map { \(element) }"
        default:
            return FieldRules.call(FieldRules.accessor(field.type, referencedKey: nil), optional: optional, on: "values", argument: "\(index)")
        }
    }

    /// Reads one array element (`$0`, an `InputValue`).
    private static func elementRead(_ item: FieldSchema, prefix: String) -> String {
        let name = prefix + SwiftNames.pascalCase(item.name)
        switch item.type {
        case .object: return "try \(name)(values: $0.asObject)"
        case .array:
            let inner = item.items.map { elementRead($0.value, prefix: name) } ?? "try $0.asObject.json(0)"
            return "try $0.asObject.array(0).map { \(inner) }"
        default:
            let optional = item.nullable
            return FieldRules.call(FieldRules.accessor(item.type, referencedKey: nil), optional: optional, on: "$0.asObject", argument: "0")
        }
    }
}
