import Runtime

/// Writes the `Auth` module's statements once with `?` placeholders and renders them for the
/// database's dialect (`$1`, `$2`, ... on PostgreSQL).
///
/// The module's SQL is fixed text written here, never built from request input: values are
/// always binds. No statement contains a `?` inside a string literal, so the rewrite is exact.
struct AuthSQL: Sendable {
    /// The dialect statements are rendered for.
    let dialect: SQLDialect

    /// `sql` with its placeholders in the dialect's form, bound to `binds`.
    func statement(_ sql: String, _ binds: [SQLValue] = []) -> SQLStatement {
        SQLStatement(PlaceholderSequence.render(sql, for: dialect), binds)
    }
}
