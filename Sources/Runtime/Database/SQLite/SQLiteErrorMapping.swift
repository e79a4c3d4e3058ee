import GRDB

/// Classifies SQLite failures into Runtime's `DatabaseError`, so the HTTP layer answers a unique
/// conflict with 409 and a busy database with 503 instead of a 500.
///
/// The column names come from SQLite's own messages (`UNIQUE constraint failed: tasks.title,
/// tasks.project_id`, `NOT NULL constraint failed: tasks.title`): SQLite has no structured
/// field for them, and these message formats have been stable for many years.
enum SQLiteErrorMapping {
    /// The classified error for a GRDB `DatabaseError`; any other error is returned unchanged.
    static func map(_ error: any Error) -> any Error {
        guard let error = error as? GRDB.DatabaseError else { return error }
        let message = error.message ?? "SQLite error \(error.extendedResultCode.rawValue)"
        return Runtime.DatabaseError(code: code(for: error, message: message), message: message)
    }

    /// The kind of failure behind an SQLite result code.
    static func code(for error: GRDB.DatabaseError, message: String) -> Runtime.DatabaseError.Code {
        switch error.extendedResultCode {
        case .SQLITE_CONSTRAINT_UNIQUE, .SQLITE_CONSTRAINT_PRIMARYKEY:
            return .uniqueViolation(columns: columnNames(in: message, after: "UNIQUE constraint failed:"))
        case .SQLITE_CONSTRAINT_FOREIGNKEY:
            return .foreignKeyViolation
        case .SQLITE_CONSTRAINT_NOTNULL:
            return .notNullViolation(column: columnNames(in: message, after: "NOT NULL constraint failed:").first)
        case .SQLITE_CONSTRAINT_CHECK:
            return .checkViolation
        default:
            // ON DELETE RESTRICT reports the plain constraint code; the message still says which.
            if error.resultCode == .SQLITE_CONSTRAINT, message.contains("FOREIGN KEY constraint failed") {
                return .foreignKeyViolation
            }
        }
        switch error.resultCode {
        case .SQLITE_FULL:
            return .storageFull
        case .SQLITE_READONLY:
            return .readOnly
        case .SQLITE_BUSY, .SQLITE_LOCKED, .SQLITE_CANTOPEN, .SQLITE_IOERR:
            return .unavailable
        default:
            return .other
        }
    }

    /// Column names from `<prefix> table.column, table.column`; empty when the message names an
    /// index instead (`UNIQUE constraint failed: index 'tasks_lower_title'`, for expression indexes).
    static func columnNames(in message: String, after prefix: String) -> [String] {
        guard let range = message.range(of: prefix) else { return [] }
        let list = message[range.upperBound...]
        var names: [String] = []
        for part in list.split(separator: ",") {
            let qualified = part.trimmingSpaces()
            guard !qualified.isEmpty, !qualified.hasPrefix("index ") else { return [] }
            if let dot = qualified.lastIndex(of: ".") {
                names.append(String(qualified[qualified.index(after: dot)...]))
            } else {
                names.append(String(qualified))
            }
        }
        return names
    }
}

extension Substring {
    /// The text without leading and trailing spaces (Foundation-free trimming).
    fileprivate func trimmingSpaces() -> Substring {
        var text = self
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return text
    }
}
