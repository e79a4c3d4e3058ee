import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOHTTP1

/// The base middleware every Loom route runs through, outermost: it assigns the request id,
/// authenticates, answers every error in the app's format (mapping Hummingbird's and the
/// database's errors to precise statuses), turns "no such method on this path" into 405,
/// writes the common header fields (`CommonResponseHeaders`) and leaves a `HEAD` answer
/// without its body.
///
/// These are one middleware on purpose: each layer of Hummingbird middleware costs a call and
/// a context copy on every request. Modules add theirs after it (`ServerMiddleware`). Key reads
/// on SQLite answered on the event loop bypass it (`InlineReads` writes the same answer, its head from the same
/// `CommonResponseHeaders`): anything else it adds to a successful read belongs there too.
public struct LoomMiddleware: RouterMiddleware {
    /// The request context type.
    public typealias Context = LoomRequestContext

    let errorFormat: ErrorBodyFormat
    let routes: RouteTable
    let maxBodyBytes: Int
    let authenticator: (any RequestAuthenticator)?
    /// Loom's codes as the app answers them.
    let vocabulary: ErrorVocabulary
    /// The app's request id header (`X-Request-Id` unless `headers.requestId` renames it).
    let requestIDHeader: HTTPField.Name
    let commonHeaders: CommonResponseHeaders
    /// Who the client is behind trusted proxies; `nil` when the app trusts none (no work then).
    var clientAddresses: ClientAddressResolver?
    /// The app's URL, header and query parameter limits, checked before anything else runs.
    var requestLimits = RequestLimits.standard
    /// Counts the requests in flight for background work that yields to them (`RequestLoad`).
    var load: RequestLoad?

    /// Creates the middleware; `authenticator` (the app's `Auth` module, if it has one) fills
    /// `context.identity` or `context.authenticationFailure` before the route runs.
    /// `serverName` is the `Server` header value (`nil` sends none); `security` the fields every
    /// answer carries (`SecurityHeaders`).
    public init(
        errorFormat: ErrorBodyFormat, routes: RouteTable, maxBodyBytes: Int,
        authenticator: (any RequestAuthenticator)? = nil, serverName: String? = LoomServer.serverName,
        vocabulary: ErrorVocabulary = .loom, requestIDHeader: HTTPField.Name = .requestID, security: SecurityHeaders = .standard
    ) {
        self.vocabulary = vocabulary
        self.requestIDHeader = requestIDHeader
        self.errorFormat = errorFormat
        self.routes = routes
        self.maxBodyBytes = maxBodyBytes
        self.authenticator = authenticator
        self.commonHeaders = CommonResponseHeaders(serverName: serverName, requestIDHeader: requestIDHeader, security: security)
    }

    /// Runs the request.
    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        load?.enter()
        defer { load?.leave() }
        var context = context
        context.requestID = RequestIdentifier.accepting(request.headers[requestIDHeader])
        if let refusal = requestLimits.violation(of: request) {
            return finish(render(refusal, requestID: context.requestID), request: request, requestID: context.requestID)
        }
        if let clientAddresses { context.forwardedClientAddress = clientAddresses.clientAddress(of: request, context: context) }
        if let authenticator {
            switch await authenticator.authenticate(request, context: context) {
            case .anonymous: break
            case .authenticated(let identity): context.identity = identity
            case .rejected(let error): context.authenticationFailure = AuthenticationFailure(error)
            }
        }
        var response: Response
        do {
            response = try await next(request, context)
        } catch {
            let apiError = classify(error, request: request, context: context)
            response = render(apiError, requestID: context.requestID)
        }
        return finish(response, request: request, requestID: context.requestID)
    }

    /// `response` with the common fields, and without its body for `HEAD`.
    private func finish(_ response: Response, request: Request, requestID: String) -> Response {
        var response = response
        commonHeaders.apply(to: &response, requestID: requestID, date: SharedHTTPDate.current())
        // RFC 9110 §9.3.2: the GET's head (Content-Length included), no body; errors too.
        return request.method == .head ? response.createHeadResponse() : response
    }

    /// Maps anything thrown by a handler to the error the client sees.
    func classify(_ error: any Error, request: Request, context: Context) -> APIError {
        switch error {
        case let apiError as APIError:
            return apiError
        case let annotated as ErrorWithHeaderFields:
            var apiError = classify(annotated.error, request: request, context: context)
            apiError.headers.append(contentsOf: annotated.fields)
            return apiError
        case let httpError as HTTPError:
            return classify(httpError, request: request)
        case let parserError as HTTPParserError:
            // The request's framing broke after its head (a chunk size such as `zz`): the
            // connection cannot carry another request, so the answer closes it.
            var apiError = APIError.badRequest(
                "The request body is not validly framed HTTP/1.1 (\(parserError)).",
                fieldErrors: [.init(field: "body", message: "is not validly framed (\(parserError))")])
            apiError.headers[.connection] = "close"
            return apiError
        case is CancellationError:
            // The server is shutting down past its drain bound (LoomServer.Configuration).
            return .unavailable
        case let databaseError as DatabaseError:
            if let unavailable = APIError(unavailable: databaseError) {
                context.logger.error("database unavailable", metadata: ["error": "\(databaseError)"])
                return unavailable
            }
            context.logger.error("unexpected database error", metadata: ["error": "\(databaseError)"])
            return .internalError
        default:
            context.logger.error("unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            return .internalError
        }
    }

    private func classify(_ error: HTTPError, request: Request) -> APIError {
        switch error.status {
        case .notFound:
            let allowed = routes.methods(forPath: request.uri.path)
            if !allowed.isEmpty, !allowed.contains(request.method) {
                return .methodNotAllowed(method: request.method, allowed: allowed)
            }
            return .routeNotFound(path: request.uri.path)
        case .contentTooLarge:
            return .payloadTooLarge(limit: maxBodyBytes)
        default:
            let status = error.status
            return APIError(
                status: status, code: status.reasonPhrase.uppercased().replacingOccurrences(of: " ", with: "_"),
                detail: error.body ?? status.reasonPhrase)
        }
    }

    func render(_ error: APIError, requestID: String) -> Response {
        let error = vocabulary.apply(error)
        var headers = error.headers
        headers[.contentType] = errorFormat.contentType
        let body = errorFormat.body(for: error, requestID: requestID)
        return Response(status: error.status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
    }
}

extension HTTPField.Name {
    /// `X-Request-Id`.
    public static let requestID = HTTPField.Name("X-Request-Id")!
}
