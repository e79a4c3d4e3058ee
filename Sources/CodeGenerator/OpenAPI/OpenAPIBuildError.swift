/// Why an app's OpenAPI document could not be built.
///
/// Schema validation should reject every one of these first; the builder still checks them
/// because a silently wrong document (two operations on one route, a `$ref` to the wrong
/// component) is worse than a failed generation.
public struct OpenAPIBuildError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Kinds of failure.
    public enum Code: String, Sendable, Hashable {
        /// Two operations share a method and a path (or paths that differ only in parameter names).
        case duplicateRoute
        /// Two operations would get the same `operationId`.
        case duplicateOperationID
        /// Two components of one kind would get the same name.
        case duplicateComponentName
        /// Two enumerations with different values would share one component name.
        case conflictingEnumeration
        /// A relation names a table the app does not have.
        case unknownRelationTarget
        /// A name cannot be used as an OpenAPI component key.
        case invalidComponentName
        /// The assembled document broke a rule of `DocumentChecks`.
        case invalidDocument
        /// The document could not be encoded as JSON.
        case encodingFailed
    }

    /// Kind of failure.
    public var code: Code
    /// What went wrong, naming the schema element involved.
    public var message: String
    /// The schema file the problem comes from, when one file is to blame.
    public var file: String?

    /// Creates an error.
    public init(code: Code, message: String, file: String? = nil) {
        self.code = code
        self.message = message
        self.file = file
    }

    /// `<file>: error: <message> [openapi: <code>]`, in the style of schema diagnostics.
    public var description: String {
        (file.map { $0 + ": " } ?? "") + "error: " + message + " [openapi: " + code.rawValue + "]"
    }
}
