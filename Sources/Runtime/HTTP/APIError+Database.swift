extension APIError {
    /// The 503 a client gets when the database cannot take the request, with a code saying why
    /// (so an operator reading a client's log knows what to fix); `nil` for failures that are
    /// the request's own (constraints) or unexpected.
    ///
    /// A full disk is a 503 too, not a 507: every operation documents 503 as "retry later", and
    /// a write refused for lack of space succeeds unchanged once space returns.
    public init?(unavailable error: DatabaseError) {
        let detail: String
        let code: String
        switch error.code {
        case .unavailable:
            self = .unavailable
            return
        case .storageFull:
            code = "STORAGE_FULL"
            detail = "The database's disk is full; nothing was written. Retry once space is freed."
        case .readOnly:
            code = "DATABASE_READ_ONLY"
            detail = "The database refuses writes (read-only); nothing was written. Retry later."
        case .fileMissing:
            code = "DATABASE_FILE_MISSING"
            detail = "The database file was removed while the server was running; the write was not acknowledged."
        case .timedOut:
            code = "DATABASE_TIMEOUT"
            detail = "The database did not answer in time; the request may retry later."
        case .uniqueViolation, .foreignKeyViolation, .notNullViolation, .checkViolation, .other:
            return nil
        }
        self.init(status: .serviceUnavailable, code: code, detail: detail)
    }
}
