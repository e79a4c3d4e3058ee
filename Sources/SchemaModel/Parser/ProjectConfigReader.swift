/// Reads `Schemas/loom.json` into a `ProjectConfig`.
enum ProjectConfigReader {
    /// Reads the project file; problems go to `values.diagnostics`. Returns `nil` when the
    /// file's root is not an object.
    static func read(_ root: JSONValue, values: ValueReader) -> ProjectConfig? {
        guard let reader = ObjectReader(root, at: "", keys: SchemaKeys.project, values: values) else { return nil }
        _ = reader.string(SchemaKeys.schemaReference)
        return ProjectConfig(defaultApp: reader.string("defaultApp") ?? "")
    }
}
