import Hummingbird

/// Any Hummingbird middleware on Loom's context (Hummingbird's `CORSMiddleware`, say) with
/// the inline-read policy the module adding it declares, so it can join
/// `LoomServer.Configuration.middleware`.
public struct DeclaredMiddleware<Base: RouterMiddleware>: ServerMiddleware where Base.Context == LoomRequestContext {
    /// The request context type.
    public typealias Context = LoomRequestContext

    /// The middleware that runs.
    public let base: Base
    /// What the module declared about inline answers.
    public let inlineReadPolicy: InlineReadPolicy

    /// Wraps `base`; `inlineReads` says whether inline answers may skip it.
    public init(_ base: Base, inlineReads: InlineReadPolicy) {
        self.base = base
        self.inlineReadPolicy = inlineReads
    }

    /// Runs `base`.
    public func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        try await base.handle(request, context: context, next: next)
    }
}
