/// One problem found in a schema file, printed as
/// `Schemas/tasks/tables/users.json: error: unknown field type "strng" [at: fields.email.type]`.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible, Comparable {
    /// How serious the problem is.
    public enum Severity: String, Sendable, Hashable {
        case error, warning
    }

    /// A stable machine-readable identifier of the kind of problem (e.g. `unknown-key`).
    public var code: String
    /// Severity; errors stop generation.
    public var severity: Severity
    /// File path relative to the repository root.
    public var file: String
    /// JSON path inside the file (`fields.email.type`, `indexes[0].fields`); empty for the root.
    public var path: String
    /// What is wrong and how to fix it.
    public var message: String

    /// Creates a diagnostic.
    public init(code: String, severity: Severity = .error, file: String, path: String, message: String) {
        self.code = code
        self.severity = severity
        self.file = file
        self.path = path
        self.message = message
    }

    /// The compiler-style line printed by the `loom` command.
    public var description: String {
        let location = path.isEmpty ? "" : " [at: \(path)]"
        return "\(file): \(severity.rawValue): \(message)\(location)"
    }

    /// Diagnostics print sorted by file, then path, then message, so output is deterministic.
    public static func < (lhs: Diagnostic, rhs: Diagnostic) -> Bool {
        (lhs.file, lhs.path, lhs.message) < (rhs.file, rhs.path, rhs.message)
    }
}

extension Array where Element == Diagnostic {
    /// Whether any diagnostic is an error (warnings do not stop generation).
    public var containsErrors: Bool { contains { $0.severity == .error } }
}
