import Mustache

/// The render stage: fills the Mustache templates with the render model.
///
/// Templates hold layout only; every name, type and literal comes decided from the render
/// model, so a template change never changes behaviour by accident.
public struct Renderer: Sendable {
    /// Template names the renderer needs (file stems in `Templates/`).
    public static let templateNames = ["app", "endpoint", "events", "handlers", "header", "migrations", "openapi", "project", "table"]

    private let library: MustacheLibrary

    /// Compiles the templates; `templates` maps names (file stems) to template text.
    public init(templates: [String: String]) throws(GeneratorError) {
        var library = MustacheLibrary()
        for name in Self.templateNames {
            guard let text = templates[name] else {
                throw GeneratorError(code: .missingTemplate, message: "Templates/\(name).mustache is missing; restore it from git")
            }
            do {
                try library.register(text, named: name)
            } catch {
                throw GeneratorError(code: .invalidTemplate, message: "Templates/\(name).mustache does not parse: \(error)")
            }
        }
        self.library = library
    }

    /// Renders every file of every app, sorted by path.
    ///
    /// Every Swift file's name starts with its app's namespace (`Layout.Notes.swift`): the apps
    /// share one target, and SwiftPM refuses two sources with the same file name in a target, so
    /// two apps may each have a `notes` table.
    public func render(_ model: RenderModel) -> [OutputFile] {
        var files = [OutputFile(path: "Generated/LoomProject.swift", contents: render("project", model))]
        for app in model.apps {
            let directory = "Generated/\(app.namespace)"
            files.append(OutputFile(path: "\(directory)/\(app.namespace).swift", contents: render("app", app)))
            files.append(OutputFile(path: "\(directory)/\(app.namespace)+OpenAPI.swift", contents: render("openapi", app)))
            files.append(OutputFile(path: "\(directory)/openapi.json", contents: app.openAPIDocument))
            if let events = app.events {
                files.append(OutputFile(path: "\(directory)/\(app.namespace)+Events.swift", contents: render("events", events)))
            }
            if app.hasEndpoints {
                files.append(OutputFile(path: "\(directory)/\(app.namespace)Handlers.swift", contents: render("handlers", app)))
            }
            for table in app.tables {
                files.append(OutputFile(path: "\(directory)/Tables/\(app.namespace).\(table.typeName).swift", contents: render("table", table)))
            }
            for endpoint in app.endpoints {
                files.append(OutputFile(path: "\(directory)/Operations/\(app.namespace).\(endpoint.typeName).swift", contents: render("endpoint", endpoint)))
            }
        }
        return files.sorted { $0.path < $1.path }
    }

    /// `Generated/<App>/<App>+Migrations.swift`: the app's migrations embedded as Swift.
    func renderMigrations(_ model: MigrationsRenderModel) -> OutputFile {
        OutputFile(path: "Generated/\(model.namespace)/\(model.namespace)+Migrations.swift", contents: render("migrations", model))
    }

    private func render(_ template: String, _ object: Any) -> String {
        let text = library.render(object, withTemplate: template) ?? ""
        return Self.tidy(text)
    }

    /// Collapses runs of blank lines left by empty sections and ends the file with one newline.
    static func tidy(_ text: String) -> String {
        var lines: [Substring] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let isBlank = line.allSatisfy { $0 == " " }
            if isBlank, lines.last?.isEmpty ?? true { continue }
            lines.append(isBlank ? "" : line)
        }
        while lines.last?.isEmpty == true { lines.removeLast() }
        return lines.joined(separator: "\n") + "\n"
    }
}
