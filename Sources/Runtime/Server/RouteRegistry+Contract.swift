import APIContract
import Hummingbird

extension RouteRegistry {
    /// A route handler.
    public typealias Handler = @Sendable (Request, LoomRequestContext) async throws -> Response

    /// Adds every route of a contract family under `prefix` (empty for laid-out families, whose
    /// paths are complete), at its path and its aliases, each served by the handler its
    /// operation maps to. Families (`SystemContract`, `Auth`'s auth and platform routes) are
    /// registered only this way, so the server has exactly the routes the document describes.
    /// Path parameters are registered under the names handlers read (`pathParameterKeys`).
    public mutating func add<Operation>(
        _ routes: [ContractRoute<Operation>], prefix: String, handler: (Operation) -> Handler
    ) {
        for route in routes {
            let serve = Self.answering(route.success, with: handler(route.operation))
            for path in route.allPaths {
                add(HTTPRequest.Method(route.method), route.registrationPath(prefix + path), handler: serve)
            }
        }
    }
}

extension RouteRegistry {
    /// `handler` giving the success answer the app declares instead of the operation's own
    /// (`ContractRoute.success`): its answer with a body under another status, or its 204 as
    /// 200 with the constants (the handler's header fields, such as cleared cookies, kept).
    static func answering(_ success: ContractSuccessOverride?, with handler: @escaping Handler) -> Handler {
        switch success {
        case nil:
            return handler
        case .status(let code):
            let status = HTTPResponse.Status(code: code)
            return { request, context in
                var response = try await handler(request, context)
                if response.status.kind == .successful, response.status != .noContent { response.status = status }
                return response
            }
        case .constant(let members):
            let body = ContractConstant.json(members)
            return { request, context in
                let response = try await handler(request, context)
                guard response.status == .noContent else { return response }
                var headers = response.headers
                headers[.contentLength] = nil
                return JSONResponse.make(status: .ok, bytes: body, headers: headers)
            }
        }
    }
}

extension ContractConstant {
    /// `members` as one JSON object.
    static func json(_ members: [ContractConstant]) -> [UInt8] {
        var writer = JSONWriter(capacity: 64)
        writer.beginObject()
        for member in members {
            writer.key(member.name)
            switch member.value {
            case .bool(let value): writer.value(value)
            case .integer(let value): writer.value(value)
            case .string(let value): writer.value(value)
            }
        }
        writer.endObject()
        return writer.bytes
    }
}

extension HTTPRequest.Method {
    /// The method a contract route declares.
    public init(_ method: ContractMethod) {
        switch method {
        case .get: self = .get
        case .post: self = .post
        case .put: self = .put
        case .patch: self = .patch
        case .delete: self = .delete
        }
    }
}
