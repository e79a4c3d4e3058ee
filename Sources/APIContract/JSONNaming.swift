/// How an app spells the JSON members Loom names in `snake_case` (its own bodies' members,
/// table columns): as they are, or in `camelCase` (`organization_id` → `organizationId`).
///
/// The runtime (`Auth`'s bodies and answers) and the generator (tables, documents) both spell
/// names through this one function.
public enum JSONNaming: String, Sendable, Hashable, CaseIterable {
    /// `organization_id` (Loom's own spelling).
    case snakeCase = "snake_case"
    /// `organizationId`.
    case camelCase

    /// `name` (a `snake_case` name) in this style.
    public func name(_ name: String) -> String {
        guard self == .camelCase, name.utf8.contains(UInt8(ascii: "_")) else { return name }
        var result = ""
        result.reserveCapacity(name.utf8.count)
        var upperNext = false
        for character in name {
            if character == "_" {
                upperNext = !result.isEmpty
                continue
            }
            if upperNext {
                result += character.uppercased()
                upperNext = false
            } else {
                result.append(character)
            }
        }
        return result
    }
}
