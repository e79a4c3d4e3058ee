import SchemaModel

/// The whole generator as one pure function: schema files and templates in, generated files
/// (or diagnostics) out. The `loom` command reads and writes the disk around it; tests call it
/// directly.
public enum Generator {
    /// What a generation produced.
    public enum Outcome: Sendable {
        /// Every output file, sorted by path, plus warnings.
        case generated([OutputFile], warnings: [Diagnostic])
        /// The schemas have errors (and maybe warnings); nothing was generated.
        case invalid([Diagnostic])
    }

    /// Runs parse → validate → OpenAPI → translate → render.
    /// `migrationFiles` maps the paths of the files now under `Generated/<App>/Migrations/` to
    /// their text: the history the next migration is diffed against and which is passed through.
    /// `publishedDocuments` maps `Generated/<App>/openapi.json` to its text: a document
    /// generated equal to it is not validated again (`OpenAPIBuilder.document(for:published:)`).
    public static func generate(
        schemaFiles: [SchemaFile], templates: [String: String], migrationFiles: [String: String] = [:],
        publishedDocuments: [String: String] = [:]
    ) throws(GeneratorError) -> Outcome {
        let parsed = SchemaParser.parse(schemaFiles)
        guard let schemas = parsed.schemas, !parsed.diagnostics.containsErrors else {
            return .invalid(parsed.diagnostics.sorted())
        }
        var diagnostics = (parsed.diagnostics + SchemaValidator.validate(schemas)).sorted()
        guard !diagnostics.containsErrors else { return .invalid(diagnostics) }
        // Checks that need the route families (`APIContract`), which the schema validator cannot see.
        diagnostics = (diagnostics + schemas.apps.flatMap(ContractRouteRules.check)).sorted()
        guard !diagnostics.containsErrors else { return .invalid(diagnostics) }
        let renderer = try Renderer(templates: templates)
        var documents: [String: String] = [:]
        var documentProblems: [Diagnostic] = []
        for app in schemas.apps {
            do {
                documents[app.config.name] = try OpenAPIBuilder.document(
                    for: app, published: publishedDocuments[Self.documentPath(of: app)])
            } catch let error as OpenAPIBuildError {
                // Name clashes the validator does not model (a table named like an error
                // component, two names with one PascalCase form) surface here, still as a
                // diagnostic naming the schema file and the fix.
                documentProblems.append(Diagnostic(
                    code: "openapi-" + error.code.rawValue, file: error.file ?? app.config.file, path: "", message: error.message))
            } catch {
                throw GeneratorError(code: .openAPIFailure, message: "building the OpenAPI document of \(app.config.name) failed: \(error)")
            }
        }
        guard documentProblems.isEmpty else { return .invalid((diagnostics + documentProblems).sorted()) }
        let model = Translator.translate(schemas, openAPIDocuments: documents)
        var files = renderer.render(model)
        var refusals: [Diagnostic] = []
        for app in schemas.apps {
            let namespace = SwiftNames.pascalCase(app.config.name)
            let directory = "Generated/\(namespace)/Migrations"
            let stage = MigrationStage.run(app: app, directory: directory, existing: migrationFiles)
            refusals += stage.diagnostics
            files += stage.files
            files.append(renderer.renderMigrations(MigrationsRenderModel(namespace: namespace, directory: directory, migrations: stage.migrations)))
        }
        guard refusals.isEmpty else { return .invalid((diagnostics + refusals).sorted()) }
        return .generated(files.sorted { $0.path < $1.path }, warnings: diagnostics)
    }

    /// Where `app`'s OpenAPI document is generated.
    public static func documentPath(of app: AppSchema) -> String {
        "Generated/\(SwiftNames.pascalCase(app.config.name))/openapi.json"
    }
}
