import Foundation
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
        // Each app's context once, for the project file's list of apps and for the app's own
        // templates: converting the whole model for the project file converted every app twice.
        let appContexts = model.apps.map(Self.context)
        var projectModel = model
        projectModel.apps = []
        var projectContext = Self.context(projectModel) as? [String: Any] ?? [:]
        projectContext["apps"] = appContexts
        var files = [OutputFile(path: "Generated/LoomProject.swift", contents: render("project", context: projectContext))]
        for (app, context) in zip(model.apps, appContexts) {
            let directory = "Generated/\(app.namespace)"
            files.append(OutputFile(path: "\(directory)/\(app.namespace).swift", contents: render("app", context: context)))
            files.append(OutputFile(path: "\(directory)/\(app.namespace)+OpenAPI.swift", contents: render("openapi", context: context)))
            files.append(OutputFile(path: "\(directory)/openapi.json", contents: app.openAPIDocument))
            if let events = app.events {
                files.append(OutputFile(path: "\(directory)/\(app.namespace)+Events.swift", contents: render("events", events)))
            }
            if app.hasEndpoints {
                files.append(OutputFile(path: "\(directory)/\(app.namespace)Handlers.swift", contents: render("handlers", context: context)))
            }
            // The tables' and endpoints' contexts are already in the app's: converted once.
            let tables = Self.member("tables", of: context, count: app.tables.count)
            for (table, tableContext) in zip(app.tables, tables) {
                files.append(OutputFile(
                    path: "\(directory)/Tables/\(app.namespace).\(table.typeName).swift", contents: render("table", context: tableContext)))
            }
            let endpoints = Self.member("endpoints", of: context, count: app.endpoints.count)
            for (endpoint, endpointContext) in zip(app.endpoints, endpoints) {
                files.append(OutputFile(
                    path: "\(directory)/Operations/\(app.namespace).\(endpoint.typeName).swift",
                    contents: render("endpoint", context: endpointContext)))
            }
        }
        return files.sorted { $0.path < $1.path }
    }

    /// `Generated/<App>/<App>+Migrations.swift`: the app's migrations embedded as Swift.
    func renderMigrations(_ model: MigrationsRenderModel) -> OutputFile {
        OutputFile(path: "Generated/\(model.namespace)/\(model.namespace)+Migrations.swift", contents: render("migrations", model))
    }

    private func render(_ template: String, _ object: Any) -> String {
        render(template, context: Self.context(object))
    }

    /// The converted array `name` of an app's context, `count` long (the app model's property of
    /// that name): a renamed property stops at the precondition instead of rendering nothing.
    private static func member(_ name: String, of context: Any, count: Int) -> [Any] {
        let converted = (context as? [String: Any])?[name] as? [Any] ?? []
        precondition(converted.count == count, "the app's render context has no \(name) array of \(count) elements")
        return converted
    }

    /// Renders `template` with a context already made by `context(_:)`.
    private func render(_ template: String, context: Any) -> String {
        Self.tidy(library.render(context, withTemplate: template) ?? "")
    }

    /// The render model as nested `[String: Any]` and arrays, made with one `Mirror` per model
    /// value (or from the members a `RenderContextMembers` type lists itself). Mustache finds a
    /// key in a dictionary directly, but in any other value through a new `Mirror` and a scan of
    /// its properties on every lookup, at every level of the context stack it climbs: that was
    /// more than half of a generation. Absent optionals become absent
    /// keys, which Mustache treats as it treated a `nil` property (not found, so it looks further
    /// up the stack). Values Mustache renders itself (text, numbers, enums, lambdas) are kept.
    static func context(_ value: Any) -> Any {
        if let text = value as? String { return RenderedText(text) }
        // Flags and counts, the most common members after texts, as they are: before the casts
        // and the `Mirror` below, which a value that has no members does not need.
        if value is Bool || value is Int { return value }
        // Arrays are `MustacheTransformable` (and dictionaries `MustacheParent`): their elements
        // are converted here, before the check below would keep them as they are.
        if let array = value as? [Any] { return array.map(context) }
        if let listed = value as? RenderContextMembers { return listed.contextMembers.mapValues(context) }
        if value is MustacheParent || value is MustacheLambda || value is MustacheCustomRenderable || value is MustacheTransformable {
            return value
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .struct?, .class?:
            var members: [String: Any] = [:]
            for child in mirror.children {
                guard let label = child.label, let member = unwrapped(child.value) else { continue }
                members[label] = context(member)
            }
            return members
        case .collection?:
            return mirror.children.map { context($0.value) }
        case .optional?:
            return unwrapped(value).map(context) as Any
        default:
            return value
        }
    }

    /// Text in the context. Mustache renders it as it renders a `String`, but when a section
    /// over it (`{{#description}}`) or an array of texts puts it on the context stack, a lookup
    /// of any other name climbs past it: a `String` is asked through a new `Mirror`, which was
    /// the largest cost of rendering; this answers at once that it has no members.
    struct RenderedText: MustacheParent, MustacheCustomRenderable {
        let text: String
        init(_ text: String) { self.text = text }
        func child(named: String) -> Any? { nil }
        var renderText: String { text }
        var isNull: Bool { false }
    }

    /// The value an optional holds (`nil` for none); any other value as it is. A cast, not a
    /// `Mirror`: it runs for every member of the model.
    private static func unwrapped(_ value: Any) -> Any? {
        guard let optional = value as? any OptionalValue else { return value }
        return optional.wrappedValue
    }

    /// Collapses runs of blank lines left by empty sections (a line of spaces only is blank and
    /// written empty), drops blank lines at the start and end, and ends the file with one newline.
    /// Works on UTF-8 bytes, finding each line's end with `memchr`: splitting the text into
    /// `Character`s was 18 % of a generation, and a loop over every byte is slow in the debug
    /// build `loom` runs as.
    static func tidy(_ text: String) -> String {
        var text = text
        return text.withUTF8 { tidy($0) }
    }

    private static func tidy(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
        String(unsafeUninitializedCapacity: bytes.count + 1) { output in
            let newline = UInt8(ascii: "\n")
            var written = 0
            func write(_ start: Int, _ end: Int) {
                guard end > start, let source = bytes.baseAddress, let target = output.baseAddress else { return }
                (target + written).update(from: source + start, count: end - start)
                written += end - start
            }
            var lastKeptBlank = true, blankPending = false
            var start = 0
            while start <= bytes.count {
                let end = lineEnd(from: start, in: bytes)
                if isBlank(bytes, start, end) {
                    if !lastKeptBlank { blankPending = true; lastKeptBlank = true }
                } else {
                    if written > 0 { output[written] = newline; written += 1 }
                    if blankPending { output[written] = newline; written += 1; blankPending = false }
                    write(start, end)
                    lastKeptBlank = false
                }
                start = end + 1
            }
            output[written] = newline
            return written + 1
        }
    }

    /// Whether the line `start..<end` holds spaces only. Its last byte answers for almost every
    /// line that is not (code and JSON lines do not end with a space), before a scan from the start.
    private static func isBlank(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        let space = UInt8(ascii: " ")
        if end > start, bytes[end - 1] != space { return false }
        var index = start
        while index < end, bytes[index] == space { index += 1 }
        return index == end
    }

    /// The offset of the first newline at or after `start`, or the end of `bytes`.
    private static func lineEnd(from start: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard start < bytes.count, let base = bytes.baseAddress,
            let found = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start)
        else { return bytes.count }
        return base.distance(to: found.assumingMemoryBound(to: UInt8.self))
    }
}

/// An `Optional` seen through `Any` (`Renderer.unwrapped`).
private protocol OptionalValue {
    var wrappedValue: Any? { get }
}

extension Optional: OptionalValue {
    fileprivate var wrappedValue: Any? { self.map { $0 as Any } }
}
