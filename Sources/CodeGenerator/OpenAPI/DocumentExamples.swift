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
            if let example = values.component(key.rawValue), let withExample = try? schema.with(examples: [example]) {
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
        return document
    }

    private static func withExamples(_ item: OpenAPI.PathItem, _ values: inout ExampleValues) -> OpenAPI.PathItem {
        var item = item
        for endpoint in item.endpoints {
            var operation = endpoint.operation
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
        return response
    }

    private static func withExamples(_ content: OpenAPI.Content.Map, _ values: inout ExampleValues) -> OpenAPI.Content.Map {
        var result = content
        for (type, entry) in content {
            guard case .b(var media) = entry, media.example == nil, media.examples == nil, let schema = media.schema else { continue }
            if type == .html {
                media.example = AnyCodable("<!doctype html><html><head><title>API</title></head><body>…</body></html>")
            } else {
                media.example = values.example(of: schema, member: nil)
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
