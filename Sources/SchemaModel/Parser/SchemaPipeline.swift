/// Parse then validate: the one call the command-line layer makes to turn schema files into
/// schemas it can translate, or into the full list of problems to print.
public enum SchemaPipeline {
    /// Parses `files` and, if parsing found no error, validates the result.
    ///
    /// - Returns: the schemas with any warnings, or every diagnostic (errors and warnings)
    ///   when at least one error was found.
    public static func load(_ files: [SchemaFile]) -> Result<LoadedSchemas, DiagnosticList> {
        let (parsed, parseDiagnostics) = SchemaParser.parse(files)
        guard let parsed else { return .failure(DiagnosticList(parseDiagnostics)) }
        let diagnostics = parseDiagnostics + SchemaValidator.validate(parsed)
        guard !diagnostics.containsErrors else { return .failure(DiagnosticList(diagnostics)) }
        return .success(LoadedSchemas(schemas: parsed, warnings: diagnostics))
    }
}
