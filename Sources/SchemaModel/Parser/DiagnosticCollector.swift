/// Accumulates the diagnostics of one parse or validation run.
///
/// A reference type so that readers and rules deep in the tree can report without threading
/// `inout` through every call. It lives only for the duration of one synchronous run on one
/// thread and is deliberately not `Sendable`.
final class DiagnosticCollector {
    /// Everything reported so far, in report order.
    private(set) var diagnostics: [Diagnostic] = []

    /// Creates an empty collector.
    init() {}

    /// Whether any error (not warning) was reported.
    var hasErrors: Bool { diagnostics.containsErrors }

    /// Reports an error.
    func error(_ code: SchemaDiagnosticCode, file: String, path: String, _ message: String) {
        diagnostics.append(Diagnostic(code: code.rawValue, severity: .error, file: file, path: path, message: message))
    }

    /// Reports a warning; warnings never stop generation.
    func warning(_ code: SchemaDiagnosticCode, file: String, path: String, _ message: String) {
        diagnostics.append(
            Diagnostic(code: code.rawValue, severity: .warning, file: file, path: path, message: message))
    }
}
