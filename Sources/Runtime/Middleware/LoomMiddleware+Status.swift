import Hummingbird
import Logging

extension LoomMiddleware {
    /// A logger that drops everything, for classifying an error a second time without logging it again.
    private static let silent = Logger(label: "loom.silent") { _ in SwiftLogNoOpLogHandler() }

    /// The status `LoomMiddleware` answers for `error` thrown inside it (the same `classify`),
    /// without logging: what the access log, which runs inside it, records for a thrown error.
    @Sendable
    func renderedStatus(_ error: any Error, request: Request, context: LoomRequestContext) -> Int {
        var quiet = context
        quiet.logger = Self.silent
        return Int(classify(error, request: request, context: quiet).status.code)
    }
}
