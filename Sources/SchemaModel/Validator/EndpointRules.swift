/// Checks an endpoint file: name, texts, path and its parameters, body and response.
enum EndpointRules {
    /// Status codes a successful custom endpoint may answer with.
    static let successStatuses = [200, 201, 202, 204]
    /// Methods whose requests carry no body.
    static let methodsWithoutBody: [EndpointMethod] = [.GET, .DELETE]

    /// Runs the endpoint rules and the field rules of every parameter and body field.
    static func check(_ endpoint: EndpointSchema, in app: AppSchema, diagnostics: DiagnosticCollector) {
        let file = endpoint.file
        NameRules.check(endpoint.name, what: "endpoint name", file: file, path: "name", diagnostics: diagnostics)
        NameRules.checkMatch(
            declared: endpoint.name, expected: NameRules.fileStem(file), what: "endpoint name", fix: "the file name",
            file: file, path: "name", diagnostics: diagnostics)
        TextRules.checkDescription(
            endpoint.description, of: "endpoint \"\(endpoint.name)\"", file: file, path: "description",
            diagnostics: diagnostics)
        if let summary = endpoint.summary, TextRules.isBlank(summary) {
            diagnostics.error(
                .emptyValue, file: file, path: "summary", "\"summary\" is empty; write a one-line summary or remove it")
        }
        checkPath(endpoint, diagnostics: diagnostics)
        FieldRules.check(
            endpoint.pathParameters, at: "pathParameters", placement: .pathParameter, app: app, file: file,
            diagnostics: diagnostics)
        FieldRules.check(
            endpoint.queryParameters, at: "queryParameters", placement: .queryParameter, app: app, file: file,
            diagnostics: diagnostics)
        checkRequestBody(endpoint, in: app, diagnostics: diagnostics)
        checkResponse(endpoint, in: app, diagnostics: diagnostics)
        if let timeout = endpoint.timeoutSeconds, timeout <= 0 {
            diagnostics.error(.invalidLimit, file: file, path: "timeoutSeconds", "\"timeoutSeconds\" must be greater than 0, found \(timeout)")
        }
        IncomingWebhookRules.check(endpoint, in: app, diagnostics: diagnostics)
    }

    private static func checkPath(_ endpoint: EndpointSchema, diagnostics: DiagnosticCollector) {
        let path = EndpointPath(endpoint.path)
        for problem in path.problems {
            diagnostics.error(.invalidPath, file: endpoint.file, path: "path", problem)
        }
        let declared = endpoint.pathParameters.map(\.name)
        var seen: Set<String> = []
        for name in path.parameterNames {
            if !seen.insert(name).inserted {
                diagnostics.error(
                    .invalidPath, file: endpoint.file, path: "path",
                    "\"{\(name)}\" appears twice in the path; each path parameter appears once")
            } else if !declared.contains(name) {
                diagnostics.error(
                    .undeclaredPathParameter, file: endpoint.file, path: "path",
                    "path parameter \"{\(name)}\" is not declared; add \"\(name)\" to \"pathParameters\"")
            }
        }
        for name in declared where !path.parameterNames.contains(name) && path.problems.isEmpty {
            diagnostics.error(
                .unusedPathParameter, file: endpoint.file, path: JSONPath.member(name, of: "pathParameters"),
                "path parameter \"\(name)\" does not appear in the path \(ValueText.quoted(endpoint.path)); add "
                    + "\"{\(name)}\" to the path or remove the parameter")
        }
    }

    private static func checkRequestBody(
        _ endpoint: EndpointSchema, in app: AppSchema, diagnostics: DiagnosticCollector
    ) {
        guard let body = endpoint.requestBody else { return }
        if methodsWithoutBody.contains(endpoint.method) {
            diagnostics.error(
                .requestBodyNotAllowed, file: endpoint.file, path: "requestBody",
                "\(endpoint.method.rawValue) endpoints take no request body; use query parameters, or change "
                    + "\"method\" to POST, PUT or PATCH")
        }
        TextRules.checkDescription(
            body.description, of: "the request body", file: endpoint.file, path: "requestBody.description",
            diagnostics: diagnostics)
        FieldRules.check(
            body.fields, at: "requestBody.fields", placement: .bodyField, app: app, file: endpoint.file,
            diagnostics: diagnostics)
    }

    private static func checkResponse(_ endpoint: EndpointSchema, in app: AppSchema, diagnostics: DiagnosticCollector) {
        let response = endpoint.response
        if !successStatuses.contains(response.status) {
            diagnostics.error(
                .invalidStatus, file: endpoint.file, path: "response.status",
                "response status \(response.status) is not allowed; use 200, 201, 202 or 204 (errors are "
                    + "answered by the server's error format)")
        } else if response.status == 204, !response.fields.isEmpty {
            diagnostics.error(
                .invalidStatus, file: endpoint.file, path: "response.fields",
                "a 204 response has no body; remove \"fields\" or use status 200")
        }
        TextRules.checkDescription(
            response.description, of: "the response", file: endpoint.file, path: "response.description",
            diagnostics: diagnostics)
        FieldRules.check(
            response.fields, at: "response.fields", placement: .bodyField, app: app, file: endpoint.file,
            diagnostics: diagnostics)
        if let links = response.recordLinks { checkRecordLinks(links, of: endpoint, in: app, diagnostics: diagnostics) }
    }

    /// `response.recordLinks` names a table the app serves a record read of, and a response
    /// field holding the key.
    private static func checkRecordLinks(
        _ links: RecordLinksSchema, of endpoint: EndpointSchema, in app: AppSchema, diagnostics: DiagnosticCollector
    ) {
        guard let table = app.table(named: links.table, file: endpoint.file, path: "response.recordLinks.table", diagnostics: diagnostics)
        else { return }
        if !table.operations.contains(.get) {
            diagnostics.error(
                .invalidRecordLinks, file: endpoint.file, path: "response.recordLinks.table",
                "table \"\(table.name)\" serves no get, so there is no record read to link to; add \"get\" to its operations or remove \"recordLinks\"")
        }
        let member = links.member ?? table.primaryKey.name
        if !endpoint.response.fields.contains(where: { $0.name == member }) {
            diagnostics.error(
                .invalidRecordLinks, file: endpoint.file, path: links.member == nil ? "response.recordLinks" : "response.recordLinks.member",
                "the response has no field \"\(member)\" holding the record's key; add it to response.fields or name the field in \"member\"")
        }
    }
}
