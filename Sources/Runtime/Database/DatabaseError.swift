/// A failure reported by a database driver, classified so that the HTTP layer can answer with
/// the right status (a unique conflict is a 409, not a 500).
public struct DatabaseError: Error, Sendable, CustomStringConvertible {
    /// Kinds of database failure.
    public enum Code: Sendable, Hashable {
        /// A unique constraint failed; `columns` names the columns when the engine says so.
        case uniqueViolation(columns: [String])
        /// A foreign key constraint failed (a reference to a missing row, or deleting a referenced row).
        case foreignKeyViolation
        /// A `NOT NULL` constraint failed on `column`.
        case notNullViolation(column: String?)
        /// A `CHECK` constraint failed.
        case checkViolation
        /// The database could not be reached or is busy beyond the timeout.
        case unavailable
        /// Anything else.
        case other
    }
    /// Kind of failure.
    public var code: Code
    /// The engine's own message, for logs only (never sent to clients).
    public var message: String
    /// Creates an error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }
    /// For logs.
    public var description: String { "DatabaseError(\(code)): \(message)" }
}
