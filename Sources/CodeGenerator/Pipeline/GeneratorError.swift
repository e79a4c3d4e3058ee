/// A failure of the generator itself (not of a schema: those are `Diagnostic`s).
public struct GeneratorError: Error, Sendable, CustomStringConvertible {
    /// Kinds of failure.
    public enum Code: String, Sendable {
        case missingTemplate
        case invalidTemplate
        case openAPIFailure
    }
    /// Kind of failure.
    public var code: Code
    /// What happened and how to fix it.
    public var message: String
    /// Creates an error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }
    /// `error: message`.
    public var description: String { "error: \(message)" }
}
