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
        /// The disk holding the database is full (SQLite `SQLITE_FULL`, PostgreSQL 53100):
        /// writes fail until space returns.
        case storageFull
        /// The database refuses writes: a read-only file or file system (SQLite
        /// `SQLITE_READONLY`), a read-only PostgreSQL transaction or server (25006).
        case readOnly
        /// The SQLite file was deleted or replaced while the server had it open: whatever is
        /// written to the open file is lost, so nothing may be acknowledged.
        case fileMissing
        /// A statement, a transaction or the wait for a connection ran past its deadline.
        case timedOut
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

    /// Whether the failure is the database's state rather than the request's (unreachable,
    /// full, read-only, gone, too slow): the client gets a 503 and may retry later.
    public var isUnavailability: Bool {
        switch code {
        case .unavailable, .storageFull, .readOnly, .fileMissing, .timedOut: return true
        case .uniqueViolation, .foreignKeyViolation, .notNullViolation, .checkViolation, .other: return false
        }
    }
}
