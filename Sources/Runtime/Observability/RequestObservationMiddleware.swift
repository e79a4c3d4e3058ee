import Hummingbird

/// Observes each request that reaches Hummingbird once: it writes the access log's line
/// (`AccessLogEntry`) and records the request in `RequestMetrics` (in flight while it runs, then
/// its count and duration by method, route template and status, and an idempotent replay when
/// the answer says `Idempotent-Replayed`) and counts it in `UsageRecorder` (per API key,
/// organization and day), whichever of the three the app has. One middleware for
/// both: each layer costs a call and a context copy, and both need the same status and duration.
///
/// It runs right inside `LoomMiddleware` (the request id and identity are set), so a thrown
/// error's status is the one `LoomMiddleware` renders (`LoomMiddleware.renderedStatus`).
///
/// Inline key reads skip it (`maySkip`): `InlineReads` reports them, with their caller, to the
/// same `AccessLog`, `RequestMetrics` and `UsageRecorder` (`InlineReadObserver`).
struct RequestObservationMiddleware: ServerMiddleware {
    let log: AccessLog?
    let metrics: RequestMetrics?
    /// Usage per API key and organization (inline reads are counted as its `InlineReadObserver`).
    let usage: UsageRecorder?
    /// Classifies thrown errors as `LoomMiddleware` will render them.
    let statusOfError: @Sendable (any Error, Request, LoomRequestContext) -> Int

    var inlineReadPolicy: InlineReadPolicy { .maySkip }

    func handle(
        _ request: Request, context: LoomRequestContext, next: (Request, LoomRequestContext) async throws -> Response
    ) async throws -> Response {
        let started = ContinuousClock.now
        metrics?.inFlight(1)
        defer { metrics?.inFlight(-1) }
        do {
            let response = try await next(request, context)
            record(request, context: context, status: response.status.code, since: started)
            if response.headers[.idempotentReplayed] != nil { metrics?.replayed() }
            return response
        } catch {
            record(request, context: context, status: statusOfError(error, request, context), since: started)
            throw error
        }
    }

    private func record(_ request: Request, context: LoomRequestContext, status: Int, since started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        let route = context.endpointPath ?? "NotFound"
        metrics?.record(method: request.method.rawValue, route: route, status: status, duration: elapsed)
        usage?.record(identity: context.identity, status: status, duration: elapsed)
        guard let log else { return }
        let (seconds, attoseconds) = elapsed.components
        let identity = context.identity
        log.record(AccessLogEntry(
            method: request.method.rawValue, route: route, status: status,
            durationMilliseconds: Double(seconds) * 1000 + Double(attoseconds) / 1e15, requestID: context.requestID,
            identity: identity.map(AccessLogEntry.identityText), organizationID: identity?.organizationID,
            clientIP: RequestClientAddress.of(context), inline: false))
    }
}
