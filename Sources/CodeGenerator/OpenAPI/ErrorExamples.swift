import APIContract
import OpenAPIKit
import SchemaModel

extension ErrorComponents {
    /// The error body's content for answers of `code` (Loom's status `status`), with the body the
    /// runtime would write for one as its example: the app's code and status for it (`errors.codes`),
    /// rendered through the app's template, so `/docs` shows each error response as it arrives.
    func content(_ code: LoomErrorCode, status: Int) -> OpenAPI.Content {
        var content = OpenAPI.Content(schemaReference: .component(named: bodySchemaName))
        content.example = example(code, status: status).anyCodable
        return content
    }

    /// The body of an error `code` in the app's shape.
    func example(_ code: LoomErrorCode, status: Int) -> JSONValue {
        let mapping = config.errors.codes.first { $0.loomCode == code.rawValue }
        let answer = Answer(
            code: mapping?.code ?? code.rawValue, status: mapping?.status ?? status, message: Self.message(code),
            fields: code == .validationError ? [("email", "must be an email address (got \"ada@\")")] : [])
        return render(template, answer)
    }

    private struct Answer {
        let code: String
        let status: Int
        let message: String
        let fields: [(String, String)]
    }

    private func render(_ template: ErrorBodyTemplate, _ answer: Answer) -> JSONValue {
        switch template {
        case .object(let members): return .object(members.map { JSONMember(key: $0.name, value: render($0.template, answer)) })
        case .constant(let value): return value
        case .value(let value):
            switch value {
            case .code: return .string(answer.code)
            case .message: return .string(answer.message)
            case .status: return .integer(Int64(answer.status))
            case .title: return .string(Self.reasonPhrases[answer.status] ?? "Error")
            case .type: return .string(ProblemType.uri(code: answer.code))
            case .requestId: return .string(ExampleText.requestID)
            case .fieldErrors:
                return .array(answer.fields.map { .object([JSONMember(key: "field", value: .string($0.0)), JSONMember(key: "message", value: .string($0.1))]) })
            }
        }
    }

    /// HTTP reason phrases of the statuses errors are answered with.
    private static let reasonPhrases: [Int: String] = [
        400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed", 409: "Conflict",
        412: "Precondition Failed", 413: "Content Too Large", 414: "URI Too Long", 415: "Unsupported Media Type",
        422: "Unprocessable Content", 429: "Too Many Requests", 431: "Request Header Fields Too Large",
        500: "Internal Server Error", 502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
    ]

    /// A message such an error carries, for the example.
    private static func message(_ code: LoomErrorCode) -> String {
        switch code {
        case .badRequest: return "The query string has 1 invalid parameter: limit."
        case .validationError: return "The request body has 1 invalid field: email."
        case .unauthenticated: return "This route needs credentials: send Authorization: Bearer <access token> or X-API-Key."
        case .invalidCredentials: return "The email address or password is wrong."
        case .forbidden: return "The credential lacks the scope this route requires."
        case .csrfFailed: return "Requests authenticated by cookie must send the CSRF token in X-CSRF-Token."
        case .accountDisabled: return "This account is disabled."
        case .notFound: return "No record has id \(ExampleText.uuid)."
        case .methodNotAllowed: return "This path does not answer this method."
        case .conflict: return "The value of name is already taken."
        case .preconditionFailed: return "The record changed since it was read: If-Match does not list its current ETag."
        case .payloadTooLarge: return "The request body is larger than the server accepts."
        case .unsupportedMediaType: return "The request body must be application/json."
        case .tooManyRequests: return "Too many requests; retry after 30 seconds."
        case .internalError: return "The server failed to handle the request."
        case .serviceUnavailable: return "The database is unavailable; retry later."
        case .mailDeliveryFailed: return "The mail server did not accept the message; try again later."
        case .oauthProviderNotFound: return "No OAuth provider has this name."
        case .oauthProviderError: return "The OAuth provider could not be reached; try again later."
        case .oauthMissingCode: return "The provider's answer has no code."
        case .oauthInvalidState: return "The state does not match a sign-in this server started."
        case .oauthEmailRequired: return "The provider did not share an email address."
        case .oauthEmailNotVerified: return "The provider has not verified this email address."
        case .oauthDenied: return "The sign-in was denied at the provider."
        case .oauthCodeRejected: return "The provider refused the code."
        case .uriTooLong: return "The request target is longer than the server accepts."
        case .requestHeaderFieldsTooLarge: return "The request's header fields are larger than the server accepts."
        case .gatewayTimeout: return "The operation did not finish within its time budget; nothing was changed."
        }
    }
}
