import APIContract
import OpenAPIKit
import SchemaModel

/// Documents the idempotency key on each covered operation (the requirement comes from
/// `IdempotencyTranslator`, as the generated registration's does): the header parameter
/// (required where the app requires it), `Idempotent-Replayed` on the success answers, and the
/// answers the rules give: 400 (missing or malformed key), 409 (the first request still runs)
/// and 422 (the key was used with another request), under the app's error statuses.
struct IdempotencyDocumentation {
    /// The key header's name (`headers.idempotencyKey`).
    let headerName: String
    /// The app's statuses of Loom's errors.
    let statuses: ErrorStatuses

    /// The header component replayed answers carry.
    static let replayedComponent = "IdempotentReplayed"

    /// The `Idempotent-Replayed` header component.
    static func replayedHeader() -> OpenAPI.Header {
        OpenAPI.Header(
            schema: SchemaFactory.string("`true` on an answer replayed from the idempotency record of the key sent."),
            description: "Present (`true`) when this answer is the stored answer of an earlier request with the same idempotency key.")
    }

    /// `operation` with the key parameter, the replay header and the rules' answers.
    func apply(to operation: OpenAPI.Operation, requirement: IdempotencyRequirement) -> OpenAPI.Operation {
        var operation = operation
        let schema = JSONSchema.string(
            JSONSchema.CoreContext(description: "A unique value per intended write, such as a UUID."),
            JSONSchema.StringContext(maxLength: IdempotencyCoverage.maxKeyLength, minLength: 1))
        let required = requirement == .required
        operation.parameters.append(.parameter(OpenAPI.Parameter(
            name: headerName, context: .header(required: required, schema: schema),
            description: (required ? "Required. " : "")
                + "Makes the write safe to retry: the first answer is kept with the key, and a repeat with the same body gets it "
                + "again with `Idempotent-Replayed: true` instead of writing twice. Another body with the same key is refused; "
                + "a repeat while the first request runs gets 409.")))
        var responses = operation.responses
        for (status, response) in operation.responses {
            guard case .b(var inline) = response, status.isSuccess else { continue }
            var headers = inline.headers ?? [:]
            headers[IdempotencyCoverage.replayedHeader] = .reference(.component(named: Self.replayedComponent))
            inline.headers = headers
            responses[status] = .b(inline)
        }
        for error in [ErrorResponse.badRequest, .conflict, .validationError] {
            for status in statuses.statuses(of: error) where responses[.status(code: status)] == nil {
                responses[.status(code: status)] = error.reference.1
            }
        }
        operation.responses = responses
        return operation
    }
}
