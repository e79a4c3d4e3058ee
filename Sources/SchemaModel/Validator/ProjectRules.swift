/// Checks `Schemas/loom.json` against the apps that exist.
enum ProjectRules {
    /// Reports `unknown-app` when `defaultApp` names no app.
    static func check(_ schemas: ParsedSchemas, diagnostics: DiagnosticCollector) {
        let appNames = schemas.apps.map(\.config.name)
        let defaultApp = schemas.project.defaultApp
        guard !appNames.contains(defaultApp) else { return }
        diagnostics.error(
            .unknownApp, file: SchemaFileLocation.projectFile, path: "defaultApp",
            "\"defaultApp\" names unknown app \(ValueText.quoted(defaultApp)); "
                + Suggestion.useOneOf(appNames, for: defaultApp))
    }
}
