import Hummingbird

/// Records each request that reaches Hummingbird in `RequestMetrics`: in flight while it runs,
/// then its count and duration by method, route template and status (a thrown error's status is
/// the one `LoomMiddleware` renders, as for the access log), and an idempotent replay when the
/// answer says `Idempotent-Replayed`.
///
/// Runs right inside the access log. Inline key reads skip it (`.maySkip`) and are counted
/// through `InlineReadObserver` instead, so measuring keeps the inline path.
struct RequestMetricsMiddleware: ServerMiddleware {
    let metrics: RequestMetrics
    /// Classifies thrown errors as `LoomMiddleware` will render them.
    let statusOfError: @Sendable (any Error, Request, LoomRequestContext) -> Int

    var inlineReadPolicy: InlineReadPolicy { .maySkip }

    func handle(
        _ request: Request, context: LoomRequestContext, next: (Request, LoomRequestContext) async throws -> Response
    ) async throws -> Response {
        let started = ContinuousClock.now
        metrics.inFlight(1)
        defer { metrics.inFlight(-1) }
        do {
            let response = try await next(request, context)
            record(request, context: context, status: response.status.code, since: started)
            if response.headers[.idempotentReplayed] != nil { metrics.replayed() }
            return response
        } catch {
            record(request, context: context, status: statusOfError(error, request, context), since: started)
            throw error
        }
    }

    private func record(_ request: Request, context: LoomRequestContext, status: Int, since started: ContinuousClock.Instant) {
        metrics.record(
            method: request.method.rawValue, route: context.endpointPath ?? "NotFound", status: status, duration: ContinuousClock.now - started)
    }
}
