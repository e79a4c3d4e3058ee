import APIContract
import OpenAPIKit
import SchemaModel

/// The error bodies of an app, in the shape its `app.json` picks (an `errorFormat` preset or an
/// `errors.body` template): the same template `Runtime`'s `ErrorBodyFormat` renders.
struct ErrorComponents {
    /// The app's conventions.
    let config: AppConfig

    /// Name of the `{field, message}` schema every format uses for per-field errors.
    static let fieldErrorName = "FieldError"

    /// The body's template.
    var template: ErrorBodyTemplate { config.errors.body ?? config.errorFormat.template }

    /// Name of the error body schema.
    var bodySchemaName: String {
        guard config.errors.body == nil else { return "ErrorBody" }
        switch config.errorFormat {
        case .problem: return "Problem"
        case .envelope: return "ErrorEnvelope"
        case .flat: return "FlatError"
        }
    }

    /// `application/problem+json` for RFC 9457 bodies, `application/json` otherwise (as the
    /// translator writes it into the app's settings).
    var contentType: OpenAPI.ContentType {
        guard config.errors.body == nil, config.errorFormat == .problem else { return .json }
        return OpenAPI.ContentType(rawValue: "application/problem+json") ?? .json
    }

    /// `FieldError` and the body schema, by name.
    func schemas() -> [(String, JSONSchema)] {
        [(Self.fieldErrorName, fieldError()), (bodySchemaName, schema(template, description: description))]
    }

    /// One response component per `ErrorResponse`, in declaration order.
    func responses() -> [(String, OpenAPI.Response)] {
        ErrorResponse.allCases.map { error in
            let (code, status) = error.loomCodes[0]
            return (error.componentName, ResponseFactory.response(error.summary, content: [contentType: content(code, status: status)]))
        }
    }

    private var description: String {
        guard config.errors.body == nil else { return "An error, in the app's own shape." }
        switch config.errorFormat {
        case .problem: return "An RFC 9457 problem details body."
        case .envelope: return "An error wrapped in an `error` member."
        case .flat: return "A flat error body."
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

    /// The schema of a template: every member is always written, so every member is required.
    private func schema(_ template: ErrorBodyTemplate, description: String) -> JSONSchema {
        switch template {
        case .object(let members):
            return SchemaFactory.object(
                members.map { .init($0.name, schema($0.template, description: memberDescription($0.template))) }, description: description)
        case .constant(let value):
            return JSONSchema.fragment(JSONSchema.CoreContext(description: description, allowedValues: [value.anyCodable]))
        case .value(let value):
            switch value {
            case .status: return SchemaFactory.integer(description)
            case .type: return SchemaFactory.string(description, format: .uriReference)
            case .fieldErrors: return SchemaFactory.array(of: SchemaFactory.reference(Self.fieldErrorName), description: description)
            case .code, .message, .title, .requestId: return SchemaFactory.string(description)
            }
        }
    }

    private func memberDescription(_ template: ErrorBodyTemplate) -> String {
        switch template {
        case .object: return "The error."
        case .constant: return "Always this value."
        case .value(let value):
            switch value {
            case .code: return "Stable machine-readable code, e.g. `VALIDATION_ERROR`."
            case .message: return "Human-readable explanation of this occurrence."
            case .status: return "The HTTP status code."
            case .title: return "Short summary of the problem type (the HTTP reason phrase)."
            case .type: return "URI reference identifying the problem type."
            case .requestId: return "The request's `\(config.headers.requestId)`, for support and logs."
            case .fieldErrors: return "Every invalid field; empty when the error is not about fields."
            }
        }
    }
}
