import GRDB

/// Transaction and savepoint control of the write batcher on statements prepared once per
/// connection.
///
/// Why: GRDB's `inTransaction` and `inSavepoint` run `BEGIN IMMEDIATE`, `COMMIT`, `SAVEPOINT`
/// and `RELEASE` through `execute(sql:)`, which parses and prepares each text again on every
/// call: two to four preparations per created record, more than the `INSERT` itself costs.
/// The texts are fixed, so the connection's statement cache prepares each of them once.
/// Semantics are GRDB's: a failure rolls back (the transaction, or to the savepoint and
/// releases it) and rethrows the first error; nothing is committed unless `COMMIT` returned.
enum SQLiteTransaction {
    /// Runs `body` inside `BEGIN IMMEDIATE` … `COMMIT`; rolls back and rethrows when it throws.
    static func immediate<T>(_ db: GRDB.Database, _ body: () throws -> T) throws -> T {
        try db.cachedStatement(sql: "BEGIN IMMEDIATE TRANSACTION").execute()
        do {
            let value = try body()
            try db.cachedStatement(sql: "COMMIT TRANSACTION").execute()
            return value
        } catch {
            // SQLite may already have ended the transaction on its own (disk full, I/O error).
            if db.isInsideTransaction {
                try? db.cachedStatement(sql: "ROLLBACK TRANSACTION").execute()
            }
            throw error
        }
    }

    /// Runs `body` inside a savepoint of the current transaction: released when it returns,
    /// rolled back to and released when it throws, so only `body`'s changes are undone.
    static func savepoint<T>(_ db: GRDB.Database, _ body: () throws -> T) throws -> T {
        try db.cachedStatement(sql: "SAVEPOINT loom_write").execute()
        do {
            let value = try body()
            try db.cachedStatement(sql: "RELEASE SAVEPOINT loom_write").execute()
            return value
        } catch {
            if db.isInsideTransaction {
                try? db.cachedStatement(sql: "ROLLBACK TRANSACTION TO SAVEPOINT loom_write").execute()
                try? db.cachedStatement(sql: "RELEASE SAVEPOINT loom_write").execute()
            }
            throw error
        }
    }
}
