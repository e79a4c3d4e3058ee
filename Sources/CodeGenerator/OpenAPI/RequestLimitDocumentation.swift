import OpenAPIKit
import SchemaModel

/// Documents an app's request limits (`limits` of `app.json`, `RequestLimits` in the runtime)
/// on every operation, since any request can cause them: `414` (`URITooLong`), `431`
/// (`RequestHeaderFieldsTooLarge`), `400` for too many query parameters (the shared
/// `BadRequest`, where the operation does not answer 400 already) and `504` (`GatewayTimeout`,
/// the operation's time budget). One response component each, referenced from every
/// operation, so the document grows by a few lines per operation.
///
/// Statuses are the app's (`errors.codes` may move a code to another status).
struct RequestLimitDocumentation {
    /// The section.
    let limits: LimitsSchema
    /// The statuses of the app's error vocabulary.
    let statuses: ErrorStatuses

    /// Component names.
    static let uriTooLongComponent = "URITooLong"
    static let headerFieldsTooLargeComponent = "RequestHeaderFieldsTooLarge"
    static let gatewayTimeoutComponent = "GatewayTimeout"

    /// `(component, Loom code, Loom status, description)` of each answer.
    private var answers: [(component: String, code: LoomErrorCode, status: Int, description: String)] {
        [
            (Self.uriTooLongComponent, .uriTooLong, 414,
             "The request target (path and query) is longer than \(limits.maxURLBytes) bytes (`URI_TOO_LONG`). "
                + "Sent before anything else runs; a head the server stopped reading also closes the connection."),
            (Self.headerFieldsTooLargeComponent, .requestHeaderFieldsTooLarge, 431,
             "The request's header fields exceed \(limits.maxHeaderBytes) bytes (`REQUEST_HEADER_FIELDS_TOO_LARGE`). "
                + "Sent before anything else runs; a head the server stopped reading also closes the connection."),
            (Self.gatewayTimeoutComponent, .gatewayTimeout, 504,
             "The operation did not finish within its time budget (\(limits.timeoutSeconds) s, \(limits.batchTimeoutSeconds) s "
                + "for a batch) and nothing of it was changed (`GATEWAY_TIMEOUT`). A write that committed is always "
                + "reported, late if need be, never as 504."),
        ]
    }

    /// The response components in the app's error format.
    func responses(errors: ErrorComponents) -> [(String, OpenAPI.Response)] {
        answers.map { answer in
            (answer.component, ResponseFactory.response(
                answer.description, content: [errors.contentType: errors.content(answer.code, status: answer.status)]))
        }
    }

    /// `items` with every operation answering the limits' statuses.
    func apply(to items: OpenAPI.PathItem.Map) -> OpenAPI.PathItem.Map {
        var added: [(OpenAPI.Response.StatusCode, String)] = []
        for answer in answers {
            for status in statuses.statuses(of: [(answer.code, answer.status)]) { added.append((.status(code: status), answer.component)) }
        }
        for status in statuses.statuses(of: [(.badRequest, 400)]) { added.append((.status(code: status), ErrorResponse.badRequest.componentName)) }
        var result = items
        for (path, entry) in items {
            guard case .b(var item) = entry else { continue }
            for endpoint in item.endpoints {
                var operation = endpoint.operation
                for (status, component) in added where operation.responses[status] == nil {
                    operation.responses[status] = .a(.component(named: component))
                }
                item.set(operation: operation, for: endpoint.method)
            }
            result[path] = .b(item)
        }
        return result
    }
}
