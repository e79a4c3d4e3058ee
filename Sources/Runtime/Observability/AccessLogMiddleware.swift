import Hummingbird

/// Records one `AccessLogEntry` per request that reaches Hummingbird. It runs right inside
/// `LoomMiddleware` (the request id and identity are set), so a thrown error's status is the
/// one `LoomMiddleware` renders (`LoomMiddleware.status(of:)`).
///
/// Inline key reads skip it (`maySkip`): `InlineReads` reports them to the same `AccessLog`.
struct AccessLogMiddleware: ServerMiddleware {
    let log: AccessLog
    /// Classifies thrown errors as `LoomMiddleware` will render them.
    let statusOfError: @Sendable (any Error, Request, LoomRequestContext) -> Int

    var inlineReadPolicy: InlineReadPolicy { .maySkip }

    func handle(
        _ request: Request, context: LoomRequestContext, next: (Request, LoomRequestContext) async throws -> Response
    ) async throws -> Response {
        let started = ContinuousClock.now
        do {
            let response = try await next(request, context)
            record(request, context: context, status: response.status.code, since: started)
            return response
        } catch {
            record(request, context: context, status: statusOfError(error, request, context), since: started)
            throw error
        }
    }

    private func record(_ request: Request, context: LoomRequestContext, status: Int, since started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        let (seconds, attoseconds) = elapsed.components
        let identity = context.identity
        log.record(AccessLogEntry(
            method: request.method.rawValue, route: context.endpointPath ?? "NotFound", status: status,
            durationMilliseconds: Double(seconds) * 1000 + Double(attoseconds) / 1e15, requestID: context.requestID,
            identity: identity.map { $0.kind + ":" + $0.subject }, organizationID: identity?.organizationID,
            clientIP: RequestClientAddress.of(context), inline: false))
    }
}
