import APIContract
import OpenAPIKit
import SchemaModel

/// Documents the routes of a contract family (`APIContract`): the same declarations the runtime
/// registers become OpenAPI operations, so a route and its description come from one place.
struct ContractDocumenter {
    /// App-wide facts.
    let context: DocumentContext

    /// `route` as operations under `prefix` (empty for laid-out families), tagged `tag`: one at
    /// its path and one per alias (`<operationId>Alias<n>`, deprecated), as the runtime registers them.
    func document<Operation>(_ route: ContractRoute<Operation>, prefix: String, tag: String) -> [DocumentedRoute] {
        let primary = document(route, path: prefix + route.path, prefix: prefix, tag: tag)
        let aliases = route.aliases.enumerated().map { index, alias in
            var operation = document(route, path: prefix + alias, prefix: prefix, tag: tag)
            var documented = operation.operation
            documented.operationId = route.operation.rawValue + "Alias\(index + 1)"
            documented.deprecated = true
            documented.description = "Legacy alias of `\(route.method.rawValue.uppercased()) \(prefix + route.path)`; answers the same.\n\n"
                + (documented.description ?? "")
            operation = DocumentedRoute(path: operation.path, method: operation.method, operation: documented, file: operation.file)
            return operation
        }
        return [primary] + aliases
    }

    private func document<Operation>(_ route: ContractRoute<Operation>, path: String, prefix: String, tag: String) -> DocumentedRoute {
        var responses = OpenAPI.Response.Map()
        for response in route.responses {
            responses[.status(code: response.status)] = self.response(response)
        }
        for error in route.errors.sorted() {
            for status in context.errorStatuses.statuses(of: error) where responses[.status(code: status)] == nil {
                responses[.status(code: status)] = self.response(error)
            }
        }
        var body: OpenAPI.Request?
        if let request = route.request {
            body = OpenAPI.Request(
                description: route.requestOptional ? "Optional; an empty body takes the defaults." : "The request.",
                content: [.json: .content(OpenAPI.Content(schemaReference: .component(named: request.name)))],
                required: !route.requestOptional)
        }
        let operation = OpenAPI.Operation(
            tags: [tag], summary: route.summary, description: route.description, operationId: route.operation.rawValue,
            parameters: route.parameters(forPath: path).map { .parameter(parameter($0)) }, requestBody: body, responses: responses,
            security: security(route.credentials))
        return DocumentedRoute(path: path, method: method(route.method), operation: operation, file: context.config.file)
    }

    private func method(_ method: ContractMethod) -> OpenAPI.HttpMethod {
        switch method {
        case .get: return .get
        case .post: return .post
        case .put: return .put
        case .patch: return .patch
        case .delete: return .delete
        }
    }

    private func response(_ response: ContractResponse) -> Either<OpenAPI.Reference<OpenAPI.Response>, OpenAPI.Response> {
        switch response.body {
        case .empty:
            return ResponseFactory.empty(response.description)
        case .json(let schema):
            var answer = ResponseFactory.response(response.description, content: [.json: OpenAPI.Content(schema: SchemaFactory.reference(schema))])
            // Laid-out families spell the member in the app's naming (`ContractLayout.apply`); an
            // answer in the app's record envelope holds it inside (`/data/id`).
            let envelope = AuthSchemas.answerWrap(of: schema, config: context.config).map { "/\($0)" } ?? ""
            for link in response.links {
                var target = OpenAPI.Link(operationId: link.operationID)
                for fill in link.fills {
                    guard let expression = OpenAPI.RuntimeExpression(rawValue: "$response.body#\(envelope)/\(fill.member)") else { continue }
                    target.parameters[fill.parameter] = .a(expression)
                }
                answer.links[link.name] = .b(target)
            }
            return .response(answer)
        case .anyJSONObject:
            return ResponseFactory.json(response.description, schema: SchemaFactory.object([]))
        case .constant(let members):
            return ResponseFactory.json(response.description, schema: Self.constantSchema(members))
        case .html:
            let content = OpenAPI.Content(schema: SchemaFactory.string("An HTML page."))
            return .response(ResponseFactory.response(response.description, content: [.html: content]))
        case .asset(let mediaType):
            let content = OpenAPI.Content(schema: SchemaFactory.string("The file's text."))
            let type = OpenAPI.ContentType(rawValue: mediaType) ?? .txt
            let tag = OpenAPI.Header(
                schema: SchemaFactory.string("A strong entity tag."),
                description: "Version of the file; send it in If-None-Match to be answered 304 while it has not changed.", required: true)
            return .response(ResponseFactory.response(response.description, content: [type: content], extraHeaders: [("ETag", tag)]))
        case .redirect:
            let location = OpenAPI.Header(
                schema: SchemaFactory.string("Where the browser goes next.", format: .uri), description: "Redirect target.", required: true)
            return .response(ResponseFactory.response(response.description, extraHeaders: [("Location", location)]))
        }
    }

    /// The object of `members`, each its value always (`const`-like `enum` of one), with the object as example.
    static func constantSchema(_ members: [ContractConstant]) -> JSONSchema {
        var example: [String: AnyCodable] = [:]
        let properties = members.map { member -> SchemaFactory.Property in
            let value: AnyCodable
            switch member.value {
            case .bool(let bool): value = AnyCodable(bool)
            case .integer(let integer): value = AnyCodable(integer)
            case .string(let string): value = AnyCodable(string)
            }
            example[member.name] = value
            return .init(member.name, JSONSchema.fragment(JSONSchema.CoreContext(description: "Always this value.", allowedValues: [value])))
        }
        let object = SchemaFactory.object(properties, description: "A fixed answer.")
        return (try? object.with(examples: [AnyCodable(example)])) ?? object
    }

    /// The shared component of an error answer.
    private func response(_ error: ContractError) -> Either<OpenAPI.Reference<OpenAPI.Response>, OpenAPI.Response> {
        switch error {
        case .unauthorized: return .reference(.component(named: "Unauthorized"))
        case .forbidden: return .reference(.component(named: "Forbidden"))
        case .tooManyRequests: return .reference(.component(named: "TooManyRequests"))
        case .badGateway: return .reference(.component(named: "BadGateway"))
        case .badRequest: return ErrorResponse.badRequest.reference.1
        case .notFound: return ErrorResponse.notFound.reference.1
        case .conflict: return ErrorResponse.conflict.reference.1
        case .payloadTooLarge: return ErrorResponse.payloadTooLarge.reference.1
        case .unsupportedMediaType: return ErrorResponse.unsupportedMediaType.reference.1
        case .validationError: return ErrorResponse.validationError.reference.1
        case .internalError: return ErrorResponse.internalError.reference.1
        case .serviceUnavailable: return ErrorResponse.serviceUnavailable.reference.1
        }
    }

    private func parameter(_ parameter: ContractParameter) -> OpenAPI.Parameter {
        let schema: JSONSchema
        switch parameter.kind {
        case .string(let maxLength):
            schema = .string(JSONSchema.CoreContext(description: parameter.description), JSONSchema.StringContext(maxLength: maxLength))
        case .uuid, .id(_, prefix: nil):
            schema = SchemaFactory.string(parameter.description, format: .uuid)
        case .id(_, let prefix?):
            schema = .string(
                JSONSchema.CoreContext(description: parameter.description),
                JSONSchema.StringContext(pattern: SchemaFactory.prefixedKeyPattern(prefix)))
        case .uri:
            schema = SchemaFactory.string(parameter.description, format: .uri)
        case .dateTime:
            schema = SchemaFactory.string(parameter.description, format: .dateTime)
        case .date:
            schema = SchemaFactory.string(parameter.description, format: .date)
        case .integer(let minimum, let maximum):
            schema = .integer(
                JSONSchema.CoreContext(description: parameter.description),
                JSONSchema.IntegerContext(
                    maximum: maximum.map { ($0, exclusive: false) }, minimum: minimum.map { ($0, exclusive: false) }))
        case .enumeration(let values):
            schema = parameter.enumComponent.map { self.context.enums.reference($0, values: values, description: nil, file: self.context.config.file) }
                ?? .string(allowedValues: values.map { AnyCodable($0) })
        }
        let context: OpenAPI.Parameter.Context
        switch parameter.location {
        case .path: context = .path(schema: schema)
        case .query: context = .query(required: false, schema: schema)
        case .header: context = .header(required: false, schema: schema)
        }
        return OpenAPI.Parameter(name: parameter.name, context: context, description: parameter.description)
    }

    /// The security requirements of `credentials`; `nil` for an app without `auth` (no schemes exist).
    private func security(_ credentials: ContractCredentials) -> [OpenAPI.SecurityRequirement]? {
        guard let auth = context.config.auth else { return nil }
        let bearer: OpenAPI.SecurityRequirement = [.component(named: AuthSchemas.bearerScheme): []]
        let key: [OpenAPI.SecurityRequirement] = auth.apiKeys == nil ? [] : [[.component(named: AuthSchemas.apiKeyScheme): []]]
        let cookie: [OpenAPI.SecurityRequirement] = auth.cookies == nil ? [] : [[.component(named: AuthSchemas.cookieScheme): []]]
        switch credentials {
        case .none: return []
        case .optionalProjectKey: return key.isEmpty ? [] : [[:]] + key
        case .userToken: return [bearer] + cookie
        case .userTokenOrKey: return [bearer] + key + cookie
        case .platformToken: return [[.component(named: PlatformOperations.bearerScheme): []]]
        }
    }
}
