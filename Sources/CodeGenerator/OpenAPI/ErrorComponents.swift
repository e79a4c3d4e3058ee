import OpenAPIKit
import SchemaModel

/// The error bodies of an app, in the one format its `app.json` picks, matching what
/// `Runtime`'s `ErrorBodyFormat.body(for:requestID:)` writes byte for byte in shape.
struct ErrorComponents {
    /// The app's error format.
    let format: ErrorFormat

    /// Name of the `{field, message}` schema every format uses for per-field errors.
    static let fieldErrorName = "FieldError"

    /// Name of the error body schema in this format.
    var bodySchemaName: String {
        switch format {
        case .problem: return "Problem"
        case .envelope: return "ErrorEnvelope"
        case .flat: return "FlatError"
        }
    }

    /// `application/problem+json` for RFC 9457 bodies, `application/json` otherwise.
    var contentType: OpenAPI.ContentType {
        switch format {
        case .problem: return OpenAPI.ContentType(rawValue: "application/problem+json") ?? .json
        case .envelope, .flat: return .json
        }
    }

    /// `FieldError` and the body schema, by name.
    func schemas() -> [(String, JSONSchema)] {
        [(Self.fieldErrorName, fieldError()), (bodySchemaName, body())]
    }

    /// One response component per `ErrorResponse`, in declaration order.
    func responses() -> [(String, OpenAPI.Response)] {
        ErrorResponse.allCases.map { error in
            let content = OpenAPI.Content(schemaReference: .component(named: bodySchemaName))
            return (error.componentName, ResponseFactory.response(error.summary, content: [contentType: content]))
        }
    }

    private func fieldError() -> JSONSchema {
        SchemaFactory.object(
            [
                .init("field", SchemaFactory.string("The offending field or parameter, as a dotted JSON path.")),
                .init("message", SchemaFactory.string("What is wrong with it.")),
            ],
            description: "One invalid field or parameter.")
    }

    private func body() -> JSONSchema {
        let errors = SchemaFactory.array(
            of: SchemaFactory.reference(Self.fieldErrorName), description: "Every invalid field; empty when the error is not about fields.")
        let requestID = SchemaFactory.string("The request's `X-Request-Id`, for support and logs.")
        let code = SchemaFactory.string("Stable machine-readable code, e.g. `VALIDATION_ERROR`.")
        let message = SchemaFactory.string("Human-readable explanation of this occurrence.")
        switch format {
        case .problem:
            return SchemaFactory.object(
                [
                    .init("type", SchemaFactory.string("URI reference identifying the problem type.", format: .uriReference)),
                    .init("title", SchemaFactory.string("Short summary of the problem type (the HTTP reason phrase).")),
                    .init("status", SchemaFactory.integer("The HTTP status code.")),
                    .init("detail", message),
                    .init("code", code),
                    .init("request_id", requestID),
                    .init("errors", errors),
                ],
                description: "An RFC 9457 problem details body.")
        case .envelope:
            let inner = SchemaFactory.object(
                [.init("code", code), .init("message", message), .init("details", errors), .init("request_id", requestID)],
                description: "The error.")
            return SchemaFactory.object([.init("error", inner)], description: "An error wrapped in an `error` member.")
        case .flat:
            return SchemaFactory.object(
                [.init("error_code", code), .init("message", message), .init("request_id", requestID), .init("errors", errors)],
                description: "A flat error body.")
        }
    }
}
