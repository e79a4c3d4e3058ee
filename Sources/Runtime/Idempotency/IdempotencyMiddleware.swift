import Foundation
import APIContract
import Crypto
import HTTPTypes
import Hummingbird
import NIOCore
import ValueFormats

/// `Idempotency-Key` (IETF httpapi draft; the name is `headers.idempotencyKey`) on the covered
/// operations: `POST` and `PATCH` of generated tables and the custom endpoints that opt in.
///
/// A request with a key claims it, scoped to the caller's credential, in its own short
/// transaction; its writes then store the answer (or, for a custom endpoint, a mark that a write
/// committed) in their own transaction (`IdempotencyClaim`). A repeat with the same method, path
/// and body gets the stored answer with `Idempotent-Replayed: true`; another body is 422; a
/// repeat while the first runs is 409, on any instance. An answer that is not kept (5xx, 429,
/// or an error thrown before anything was written) releases the key. See docs/idempotency.md.
public struct IdempotencyMiddleware: ServerMiddleware {
    /// The request context type.
    public typealias Context = LoomRequestContext

    let store: IdempotencyStore
    /// The covered operations, by `"<METHOD> <template>"`.
    let covered: [String: IdempotencyRequirement]
    let headerName: HTTPField.Name
    let maxBodyBytes: Int

    /// Creates the middleware for the covered routes of `registry` (`RouteRegistry.idempotentRoutes`).
    public init(store: IdempotencyStore, covered: [String: IdempotencyRequirement], settings: AppSettings) {
        self.store = store
        self.covered = covered
        self.headerName = settings.headers.idempotencyKey
        self.maxBodyBytes = settings.maxBodyBytes
    }

    /// It acts on `POST` and `PATCH` only: inline `GET`s may skip it.
    public var inlineReadPolicy: InlineReadPolicy { .maySkip }

    /// Claims the key, replays its answer, or refuses the request.
    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard request.method == .post || request.method == .patch, let requirement = requirement(of: request, context: context) else {
            return try await next(request, context)
        }
        let name = headerName.rawName
        guard let key = request.headers[headerName] else {
            if requirement == .required { throw IdempotencyError.missing(headerName: name) }
            return try await next(request, context)
        }
        guard (1...IdempotencyCoverage.maxKeyLength).contains(key.count) else {
            throw IdempotencyError.malformed(headerName: name, length: key.count)
        }
        var request = request
        let body = try await RequestBody.collect(&request, limit: maxBodyBytes)
        let fingerprint = Self.fingerprint(request, body: body)
        switch try await store.admit(scope: Self.scope(of: context), key: key, fingerprint: fingerprint, headerName: name) {
        case .replay(let answer):
            return answer.response(replayed: true)
        case .claimed(let claim):
            var context = context
            context.idempotencyClaim = claim
            return try await run(request, context: context, claim: claim, next: next)
        }
    }

    /// Runs the request holding `claim`, then keeps its answer or gives the key back.
    private func run(
        _ request: Request, context: Context, claim: IdempotencyClaim, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        let response: Response
        do {
            response = try await next(request, context)
        } catch {
            if claim.outcome == .pending { try? await store.release(claim) }
            throw error
        }
        return try await keep(response, claim: claim)
    }

    /// Stores `response` unless its write stored it already; releases the key for an answer
    /// that is not kept when nothing was written.
    private func keep(_ response: Response, claim: IdempotencyClaim) async throws -> Response {
        let outcome = claim.outcome
        guard outcome != .answered else { return response }
        guard IdempotentAnswer.isKept(response.status) else {
            if outcome == .pending { try? await store.release(claim) }
            return response
        }
        var response = response
        let collector = ResponseBodyCollector()
        try await response.body.write(collector)
        let answer = IdempotentAnswer(status: response.status, fields: response.headers, body: collector.bytes)
        try await store.complete(claim, with: answer)
        response.body = collector.bytes.isEmpty ? .init() : .init(byteBuffer: ByteBuffer(bytes: collector.bytes))
        return response
    }

    /// The requirement of the operation `request` reaches; `nil` when it is not covered. The
    /// router resolved the route before its middleware runs (this one wraps every route) and
    /// left its template in `endpointPath`, so nothing is matched twice.
    private func requirement(of request: Request, context: Context) -> IdempotencyRequirement? {
        guard let template = context.endpointPath else { return nil }
        return covered[Self.routeKey(request.method, template)]
    }

    /// The key of a covered route in `covered`.
    static func routeKey(_ method: HTTPRequest.Method, _ template: String) -> String {
        method.rawValue + " " + template
    }

    /// Whose keys these are: the API key or user of the credentials, else the client's address
    /// (anonymous callers behind one address share a key space; keys are random, so they meet
    /// only by design).
    static func scope(of context: Context) -> String {
        if let identity = context.identity { return identity.kind + ":" + identity.subject }
        return "ip:" + (RequestClientAddress.of(context) ?? "unknown")
    }

    /// SHA-256 of method, path with query, and body, in hex.
    static func fingerprint(_ request: Request, body: ByteBuffer) -> String {
        var hash = SHA256()
        let target = request.uri.query.map { request.uri.path + "?" + $0 } ?? request.uri.path
        hash.update(data: Array((request.method.rawValue + " " + target + "\n").utf8))
        body.withUnsafeReadableBytes { hash.update(bufferPointer: $0) }
        return ValueFormats.hexadecimal(hash.finalize())
    }
}

/// Collects a response body's bytes (answers of covered operations are small JSON documents).
private final class ResponseBodyCollector: ResponseBodyWriter {
    var bytes: [UInt8] = []

    func write(_ buffer: ByteBuffer) async throws {
        bytes += buffer.readableBytesView
    }

    func finish(_ trailingHeaders: HTTPFields?) async throws {}
}
