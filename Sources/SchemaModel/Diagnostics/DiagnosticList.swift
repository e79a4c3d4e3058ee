/// The diagnostics of a failed schema load, thrown or returned as one error.
public struct DiagnosticList: Error, Sendable, Hashable, CustomStringConvertible {
    /// Every diagnostic (errors and warnings), sorted by file, path and message.
    public var diagnostics: [Diagnostic]

    /// Creates a list; the diagnostics are sorted so output is deterministic.
    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sorted()
    }

    /// Only the errors.
    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }

    /// One compiler-style line per diagnostic, followed by a count of errors and warnings.
    public var description: String {
        let errorCount = errors.count
        let warningCount = diagnostics.count - errorCount
        let summary =
            "\(errorCount) error\(errorCount == 1 ? "" : "s"), \(warningCount) warning\(warningCount == 1 ? "" : "s")"
        return (diagnostics.map(\.description) + [summary]).joined(separator: "\n")
    }
}
