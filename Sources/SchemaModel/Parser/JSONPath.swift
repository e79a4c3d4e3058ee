/// Builds the JSON paths printed in diagnostics: `fields.email.type`, `indexes[0].fields[1]`.
enum JSONPath {
    /// The path of member `key` inside the object at `parent` (`""` is the document root).
    static func member(_ key: String, of parent: String) -> String {
        parent.isEmpty ? key : "\(parent).\(key)"
    }

    /// The path of element `index` inside the array at `parent`.
    static func element(_ index: Int, of parent: String) -> String {
        "\(parent)[\(index)]"
    }
}
