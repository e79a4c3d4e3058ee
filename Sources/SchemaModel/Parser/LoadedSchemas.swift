/// Schemas that parsed and validated without errors, with the warnings found on the way.
public struct LoadedSchemas: Sendable, Hashable {
    /// The validated schemas, ready to translate.
    public var schemas: ParsedSchemas
    /// Warnings, sorted; they do not stop generation but should be printed.
    public var warnings: [Diagnostic]

    /// Creates a load result.
    public init(schemas: ParsedSchemas, warnings: [Diagnostic] = []) {
        self.schemas = schemas
        self.warnings = warnings.sorted()
    }
}
