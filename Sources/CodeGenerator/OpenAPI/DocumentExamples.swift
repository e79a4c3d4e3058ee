import OpenAPIKit

/// The document with an example on every component schema and every media type that has a
/// schema (request bodies, responses, webhook payloads): what API consumers read in `/docs` and
/// what client generators and mock servers show. The values come from the schemas
/// (`ExampleValues`), so they satisfy them; a schema that already has an example keeps it.
enum DocumentExamples {
    static func apply(to document: OpenAPI.Document) -> OpenAPI.Document {
        var document = document
        var values = ExampleValues(components: document.components.schemas)
        for (key, schema) in document.components.schemas where schema.examples.isEmpty {
            if let example = values.component(key.rawValue), let withExample = try? schema.with(examples: [AnyCodable(example)]) {
                document.components.schemas[key] = withExample
            }
        }
        document.paths = document.paths.mapValues { item in item.mapB { withExamples($0, &values) } }
        document.webhooks = document.webhooks.mapValues { item in item.mapB { withExamples($0, &values) } }
        document.components.responses = document.components.responses.mapValues { response in
            response.mapB { withExamples($0, &values) }
        }
        document.components.requestBodies = document.components.requestBodies.mapValues { request in
            request.mapB { withExamples($0, &values) }
        }
        document.components.parameters = document.components.parameters.mapValues { parameter in
            parameter.mapB { withExample($0, &values) }
        }
        document.components.headers = document.components.headers.mapValues { header in
            header.mapB { withExample($0, named: "", &values) }
        }
        return document
    }

    private static func withExamples(_ item: OpenAPI.PathItem, _ values: inout ExampleValues) -> OpenAPI.PathItem {
        var item = item
        item.parameters = item.parameters.map { parameter in parameter.mapB { withExample($0, &values) } }
        for endpoint in item.endpoints {
            var operation = endpoint.operation
            operation.parameters = operation.parameters.map { parameter in parameter.mapB { withExample($0, &values) } }
            operation.requestBody = operation.requestBody.map { body in body.mapB { withExamples($0, &values) } }
            operation.responses = operation.responses.mapValues { response in response.mapB { withExamples($0, &values) } }
            item[endpoint.method] = operation
        }
        return item
    }

    private static func withExamples(_ request: OpenAPI.Request, _ values: inout ExampleValues) -> OpenAPI.Request {
        var request = request
        request.content = withExamples(request.content, &values)
        return request
    }

    private static func withExamples(_ response: OpenAPI.Response, _ values: inout ExampleValues) -> OpenAPI.Response {
        var response = response
        response.content = withExamples(response.content, &values)
        response.headers = response.headers.map { headers in
            var result = headers
            for (name, header) in headers { result[name] = header.mapB { withExample($0, named: name, &values) } }
            return result
        }
        return response
    }

    /// A parameter given as a schema, with an example of it (named by the parameter).
    private static func withExample(_ parameter: OpenAPI.Parameter, _ values: inout ExampleValues) -> OpenAPI.Parameter {
        var parameter = parameter
        let name = parameter.name
        switch parameter.context {
        case .query(let required, let allowEmptyValue, .a(let context)):
            parameter.context = .query(
                required: required, allowEmptyValue: allowEmptyValue, schemaOrContent: .a(withExample(context, named: name, &values)))
        case .header(let required, .a(let context)):
            parameter.context = .header(required: required, schemaOrContent: .a(withExample(context, named: name, &values)))
        case .path(.a(let context)):
            parameter.context = .path(schemaOrContent: .a(withExample(context, named: name, &values)))
        case .cookie(let required, .a(let context)):
            parameter.context = .cookie(required: required, schemaOrContent: .a(withExample(context, named: name, &values)))
        default:
            break
        }
        return parameter
    }

    /// A header given as a schema, with an example of it (named by the header).
    private static func withExample(_ header: OpenAPI.Header, named name: String, _ values: inout ExampleValues) -> OpenAPI.Header {
        guard case .a(let context) = header.schemaOrContent else { return header }
        return OpenAPI.Header(
            schemaOrContent: .a(withExample(context, named: name, &values)), description: header.description,
            required: header.required, deprecated: header.deprecated, vendorExtensions: header.vendorExtensions)
    }

    private static func withExample(
        _ context: OpenAPI.Parameter.SchemaContext, named name: String, _ values: inout ExampleValues
    ) -> OpenAPI.Parameter.SchemaContext {
        guard context.example == nil, context.examples == nil else { return context }
        var context = context
        switch context.schema {
        case .a(let reference): context.example = reference.name.flatMap { values.component($0) }.map(AnyCodable.init)
        case .b(let schema): context.example = values.example(of: schema, member: name).map(AnyCodable.init)
        }
        return context
    }

    private static func withExamples(_ content: OpenAPI.Content.Map, _ values: inout ExampleValues) -> OpenAPI.Content.Map {
        var result = content
        for (type, entry) in content {
            guard case .b(var media) = entry, media.example == nil, media.examples == nil, let schema = media.schema else { continue }
            if type == .html {
                media.example = AnyCodable("<!doctype html><html><head><title>API</title></head><body>…</body></html>")
            } else if type.typeAndSubtype.hasPrefix("text/") {
                media.example = AnyCodable("/* … */")
            } else {
                media.example = values.example(of: schema, member: nil).map(AnyCodable.init)
            }
            result[type] = .b(media)
        }
        return result
    }
}

extension Either {
    /// The value with `transform` applied to its second case (an inline object, not a reference).
    fileprivate func mapB(_ transform: (B) -> B) -> Either {
        switch self {
        case .a: return self
        case .b(let value): return .b(transform(value))
        }
    }
}
