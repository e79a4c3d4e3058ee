import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// The one middleware every Loom route runs through: it assigns the request id, answers every
/// error in the app's format (mapping Hummingbird's and the database's errors to precise
/// statuses), turns "no such method on this path" into 405, and stamps `X-Request-Id`.
///
/// It is a single middleware on purpose: each layer of Hummingbird middleware costs a call
/// and a context copy on every request. Public key reads on SQLite bypass it (`InlineReads`
/// writes the same answer itself): a change to what it adds to responses belongs there too.
public struct LoomMiddleware: RouterMiddleware {
    /// The request context type.
    public typealias Context = LoomRequestContext

    let errorFormat: ErrorBodyFormat
    let routes: RouteTable
    let maxBodyBytes: Int
    let authenticator: (any RequestAuthenticator)?

    /// Creates the middleware; `authenticator` (the app's `Auth` module, if it has one) fills
    /// `context.identity` or `context.authenticationFailure` before the route runs.
    public init(
        errorFormat: ErrorBodyFormat, routes: RouteTable, maxBodyBytes: Int,
        authenticator: (any RequestAuthenticator)? = nil
    ) {
        self.errorFormat = errorFormat
        self.routes = routes
        self.maxBodyBytes = maxBodyBytes
        self.authenticator = authenticator
    }

    /// Runs the request.
    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        var context = context
        context.requestID = RequestIdentifier.accepting(request.headers[.requestID])
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
        response.headers[.requestID] = context.requestID
        return response
    }

    /// Maps anything thrown by a handler to the error the client sees.
    func classify(_ error: any Error, request: Request, context: Context) -> APIError {
        switch error {
        case let apiError as APIError:
            return apiError
        case let httpError as HTTPError:
            return classify(httpError, request: request)
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
