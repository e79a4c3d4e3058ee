/// How role values are spelled where they cross the API (`auth.roleSpelling` in `app.json`).
///
/// Role names are declared in `snake_case` (`owner`, `billing_admin`) and the runtime, the
/// database and the audit trail keep them so. An app reproducing an existing API may show
/// them in that API's spelling (`OWNER`, `BILLING_ADMIN`): answers write, request bodies read
/// and the OpenAPI enums list the wire spelling, and the conversion happens only there, so a
/// stored role is the same whatever the app shows.
public enum RoleSpelling: String, Sendable, Hashable, CaseIterable, Codable {
    /// As declared (the default).
    case snakeCase = "snake_case"
    /// Upper case (`owner` → `OWNER`): reversible because declared names are lower case.
    case upperSnakeCase = "UPPER_SNAKE_CASE"

    /// `role` (a declared name) as a client sees it.
    public func wire(_ role: String) -> String {
        switch self {
        case .snakeCase: return role
        case .upperSnakeCase: return role.uppercased()
        }
    }

    /// The declared name a client's `text` spells; the request body's enumeration has already
    /// refused a value that is not the wire spelling of a declared role.
    public func role(fromWire text: String) -> String {
        switch self {
        case .snakeCase: return text
        case .upperSnakeCase: return text.lowercased()
        }
    }
}
