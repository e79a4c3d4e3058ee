import Foundation
import PostgresNIO
import _ConnectionPoolModule

/// Classifies PostgreSQL failures into Runtime's `DatabaseError`, by SQLSTATE, so that the HTTP
/// layer answers exactly as it does on SQLite (a unique conflict is a 409, a lost connection a 503).
///
/// Unique-violation columns come from the error's `DETAIL` (`Key (title, project_id)=(a, b)
/// already exists.`), the only place PostgreSQL names them; an expression index
/// (`Key (lower(title))=...`) names no plain column, so the list is then empty, as on SQLite.
enum PostgresErrorMapping {
    /// The classified error for a postgres-nio `PSQLError`; any other error is returned unchanged.
    static func map(_ error: any Error) -> any Error {
        if let error = error as? ConnectionPoolError {
            // The pool's circuit breaker (no connection could be made for 60 s) and a pool
            // shut down are the database being unreachable for this request.
            return Runtime.DatabaseError(code: .unavailable, message: "PostgreSQL connection pool: \(error)")
        }
        guard let error = error as? PSQLError else { return error }
        guard error.code == .server, let state = error.serverInfo?[.sqlState] else {
            return Runtime.DatabaseError(code: .unavailable, message: "PostgreSQL connection failure: \(error.code)")
        }
        let message = error.serverInfo?[.message] ?? "SQLSTATE \(state)"
        let detail = error.serverInfo?[.detail]
        return Runtime.DatabaseError(
            code: code(sqlState: state, detail: detail, column: error.serverInfo?[.columnName]),
            message: detail.map { "\(message) (\($0))" } ?? message
        )
    }

    /// The kind of failure behind an SQLSTATE.
    static func code(sqlState: String, detail: String?, column: String?) -> Runtime.DatabaseError.Code {
        switch sqlState {
        case "23505": return .uniqueViolation(columns: detail.map(keyColumns(in:)) ?? [])
        case "23503": return .foreignKeyViolation
        case "23502": return .notNullViolation(column: column)
        case "23514": return .checkViolation
        case "53100": return .storageFull
        case "25006": return .readOnly
        // statement_timeout (a cancelled statement) and idle_in_transaction_session_timeout.
        case "57014", "25P03": return .timedOut
        default:
            // Class 08: connection exceptions; 53: insufficient resources; 57P: operator
            // intervention (shutdown); 40001/40P01: serialization failure and deadlock, which a
            // retry resolves, so they are reported like a busy SQLite database.
            if sqlState.hasPrefix("08") || sqlState.hasPrefix("53") || sqlState.hasPrefix("57P")
                || sqlState == "40001" || sqlState == "40P01" {
                return .unavailable
            }
            return .other
        }
    }

    /// Column names from `Key (a, b)=(...) already exists.`; empty for expression keys.
    static func keyColumns(in detail: String) -> [String] {
        guard let open = detail.range(of: "Key ("), let close = detail.range(of: ")=(", range: open.upperBound..<detail.endIndex) else {
            return []
        }
        let list = detail[open.upperBound..<close.lowerBound]
        guard !list.contains("(") else { return [] }
        return list.split(separator: ",").map { part in
            var name = part.trimmingCharacters(in: .whitespaces)
            if name.hasPrefix("\""), name.hasSuffix("\""), name.count >= 2 { name = String(name.dropFirst().dropLast()) }
            return name
        }
    }
}
