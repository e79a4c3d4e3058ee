import APIContract
import SchemaModel

extension AppConfig {
    /// The app's naming style as the runtime's `JSONNaming` (one spelling function for both).
    var jsonNaming: JSONNaming { JSONNaming(rawValue: naming.rawValue) ?? .snakeCase }

    /// `name` (a `snake_case` schema name) as the app spells JSON members.
    func jsonName(_ name: String) -> String { jsonNaming.name(name) }
}
