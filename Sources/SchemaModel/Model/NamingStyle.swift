/// How an app spells JSON member names (`naming` in `app.json`). Schema names (fields, columns,
/// the members of Loom's own bodies) are always `snake_case`; with `camelCase` every JSON member
/// derived from them is spelled `projectId`, while columns keep `project_id`.
public enum NamingStyle: String, Codable, Sendable, CaseIterable, Hashable {
    /// `project_id` (the default).
    case snakeCase = "snake_case"
    /// `projectId`.
    case camelCase
}

/// How the names a schema declares (table fields and primary keys, endpoint and event fields)
/// are written in JSON (`fieldNaming` in `app.json`).
public enum FieldNaming: String, Codable, Sendable, CaseIterable, Hashable {
    /// As `naming` spells every member (the default).
    case naming
    /// Exactly as declared (`first_name` stays `first_name` in a `camelCase` app), for APIs whose
    /// clients send the names their users gave fields; `naming` still spells Loom's own members
    /// (`createdAt`, `totalPages`, `accessToken`).
    case declared
}
