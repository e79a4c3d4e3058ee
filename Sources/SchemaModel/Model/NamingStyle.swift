/// How an app spells JSON member names (`naming` in `app.json`). Schema names (fields, columns,
/// the members of Loom's own bodies) are always `snake_case`; with `camelCase` every JSON member
/// derived from them is spelled `projectId`, while columns keep `project_id`.
public enum NamingStyle: String, Codable, Sendable, CaseIterable, Hashable {
    /// `project_id` (the default).
    case snakeCase = "snake_case"
    /// `projectId`.
    case camelCase
}
