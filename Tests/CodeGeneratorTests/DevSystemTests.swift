import Foundation
import SchemaModel
import Testing

@testable import loom

/// The real seams of `loom dev` that run without compiling Swift: the generator on a temporary
/// repository, the server launcher's readiness probe on small real processes, the choice of the
/// probe's path, and `loom generate`'s progress lines.
@Suite("loom dev: generator, launcher and progress output")
struct DevSystemTests {
    /// A temporary repository with the real templates and a one-table app `blog`.
    private func makeRepository() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("loom-dev-\(UUID().uuidString)")
        let manager = FileManager.default
        try manager.createDirectory(at: root.appendingPathComponent("Schemas/blog/tables"), withIntermediateDirectories: true)
        try manager.copyItem(at: Fixtures.root.appendingPathComponent("Templates"), to: root.appendingPathComponent("Templates"))
        for file in AppScaffold(name: "blog").files {
            try Data(file.contents.utf8).write(to: root.appendingPathComponent(file.path))
        }
        try Data(#"{"defaultApp": "blog"}"#.utf8).write(to: root.appendingPathComponent("Schemas/loom.json"))
        return root
    }

    @Test("a schema error prints the diagnostic (file, JSON path, fix) and the old server keeps serving")
    func schemaErrorWithTheRealGenerator() throws {
        let root = try makeRepository()
        defer { try? FileManager.default.removeItem(at: root) }
        let dev = DevLoopHarness(generator: WorkspaceDevGenerator(root: root))
        dev.loop.start()
        let first = dev.take()
        #expect(first.contains { $0.hasPrefix("  Blog: ") && $0.hasSuffix(" written, 0 unchanged") }, "\(first)")
        #expect(dev.launcher.running == "/builds/1")

        let notes = root.appendingPathComponent("Schemas/blog/tables/notes.json")
        let text = try String(contentsOf: notes, encoding: .utf8)
        try Data(text.replacingOccurrences(of: #""title": { "type": "string""#, with: #""title": { "type": "strng""#).utf8).write(to: notes)
        dev.watcher.save("Schemas/blog/tables/notes.json")
        #expect(dev.poll())
        let lines = dev.take()
        let diagnostic = try #require(lines.first { $0.hasPrefix("Schemas/blog/tables/notes.json: error: ") })
        #expect(diagnostic.contains(#"(did you mean "string"?)"#))
        #expect(diagnostic.hasSuffix("[at: fields.title.type]"))
        #expect(lines.last == "generation failed (diagnostics above); still serving the last good build at http://127.0.0.1:8080")
        #expect(!lines.contains("rebuilding..."))
        #expect(dev.launcher.running == "/builds/1")

        try Data(text.utf8).write(to: notes)
        dev.watcher.save("Schemas/blog/tables/notes.json")
        #expect(dev.poll())
        #expect(dev.take().contains { $0.hasPrefix("Generated/ is up to date (") })
        #expect(dev.launcher.running == "/builds/2")
    }

    @Test("loom generate says per changed app what it wrote, and one line when nothing changed")
    func generateProgress() throws {
        let root = try makeRepository()
        defer { try? FileManager.default.removeItem(at: root) }
        let first = try Generate.run(root: root, check: false)
        #expect(!first.failed)
        #expect(first.lines.count == 3, "\(first.lines)")
        #expect(first.lines[0] == "  (project): 1 written, 0 unchanged")
        #expect(first.lines[1].hasPrefix("  Blog: ") && first.lines[1].hasSuffix(" written, 0 unchanged"))
        #expect(first.lines[2].hasPrefix("Updated "))
        let second = try Generate.run(root: root, check: true)
        #expect(!second.failed && second.errors.isEmpty)
        #expect(second.lines.count == 1)
        #expect(second.lines[0].hasPrefix("Generated/ is up to date (") && second.lines[0].contains(" files, 1 apps; "))
    }

    @Test("the progress summary counts written, removed and unchanged files per app")
    func reportText() {
        let paths = ["Generated/LoomProject.swift", "Generated/Blog/Blog.swift", "Generated/Blog/openapi.json", "Generated/Shop/Shop.swift"]
        let changes = [
            Workspace.Change(path: "Generated/Blog/openapi.json", kind: .modified, contents: "{}"),
            Workspace.Change(path: "Generated/Blog/Tables/Blog.Old.swift", kind: .removed, contents: nil),
        ]
        let counts = GenerationReport.counts(generated: paths, changes: changes)
        #expect(GenerationReport.written(counts, seconds: 1.25) == [
            "  Blog: 1 written, 1 removed, 1 unchanged",
            "Updated 2 of 4 generated files (2 apps; 1.2 s).",
        ])
        // An app whose schemas are gone: its files are removed and it is no longer counted.
        let gone = [Workspace.Change(path: "Generated/Gone/Gone.swift", kind: .removed, contents: nil)]
        #expect(GenerationReport.written(GenerationReport.counts(generated: paths, changes: gone), seconds: 0.5) == [
            "  Gone: 0 written, 1 removed, 0 unchanged",
            "Updated 1 of 4 generated files (2 apps; 0.5 s).",
        ])
        #expect(GenerationReport.written(GenerationReport.counts(generated: paths, changes: []), seconds: 0.31) == [
            "Generated/ is up to date (4 files, 2 apps; 0.3 s)."
        ])
    }

    @Test("the readiness probe is the app's own: moved by routes, the health check when switched off, none at all")
    func readinessPath() throws {
        func schemas(routes: String) throws -> ParsedSchemas {
            let files = Fixtures.schemaFiles([
                "app.json": #"{"name": "mini", "title": "Mini", "version": "1.0.0", "description": "A small app.", "routes": \#(routes)}"#
            ])
            return try #require(SchemaParser.parse(files).schemas)
        }
        #expect(DevReadiness.path(app: nil, schemas: try schemas(routes: "{}")) == "/health/ready")
        #expect(DevReadiness.path(app: "mini", schemas: try schemas(routes: #"{"healthReady": "/api/ready"}"#)) == "/api/ready")
        #expect(DevReadiness.path(app: nil, schemas: try schemas(routes: #"{"healthReady": false, "health": "/api/status"}"#)) == "/api/status")
        #expect(DevReadiness.path(app: nil, schemas: try schemas(routes: #"{"healthReady": false, "health": false}"#)) == nil)
        #expect(DevReadiness.path(app: nil, schemas: nil) == "/health/ready")
    }

    /// A port nothing listens on.
    private func freePort() -> Int {
        var port = Int.random(in: 20_000..<40_000)
        while ServerProcess.accepts(port: port) { port = Int.random(in: 20_000..<40_000) }
        return port
    }

    private func launcher(_ arguments: [String], port: Int, readyPath: String? = "/health/ready", timeout: Double = 10) -> ServerProcess {
        ServerProcess(arguments: arguments, port: port, root: FileManager.default.temporaryDirectory, readyPath: readyPath, readyTimeout: timeout)
    }

    @Test("a server that exits before it is ready is a failed start")
    func exitsEarly() {
        let server = launcher(["-c", "exit 3"], port: freePort())
        #expect(server.start(URL(fileURLWithPath: "/bin/sh")) == .failed("it exited with status 3 before it was ready (its output is above)"))
    }

    @Test("a server that never answers its probe in the bound is stopped and is a failed start")
    func neverReady() {
        let server = launcher(["-c", "exec sleep 30"], port: freePort(), timeout: 0.5)
        let started = Date()
        #expect(server.start(URL(fileURLWithPath: "/bin/sh")) == .failed("it did not answer /health/ready with 200 within 0.5 s (stopped)"))
        #expect(Date().timeIntervalSince(started) < 10)
    }

    @Test("a server that exits on its own after it was ready is reported once")
    func exitsLater() throws {
        let python = try #require(["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) })
        let port = freePort()
        let script = "import socket, time; s = socket.socket(); s.bind(('127.0.0.1', \(port))); s.listen(); time.sleep(0.5); raise SystemExit(4)"
        let server = launcher(["-c", script], port: port, readyPath: nil)
        #expect(server.start(URL(fileURLWithPath: python)) == .serving("http://127.0.0.1:\(port)"))
        var exit: String?
        let deadline = Date().addingTimeInterval(10)
        while exit == nil, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            exit = server.takeExit()
        }
        #expect(exit == "exited with status 4")
        #expect(server.takeExit() == nil)
    }

    @Test("a server answering 200 on its probe is serving; one answering 404 is not ready")
    func answersProbe() throws {
        let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first { FileManager.default.isExecutableFile(atPath: $0) }
        try #require(python != nil, "python3 serves the probe in this test")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("loom-probe-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("health"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Data("ok".utf8).write(to: directory.appendingPathComponent("health/ready"))
        let port = freePort()
        let arguments = ["-m", "http.server", "--bind", "127.0.0.1", "--directory", directory.path, String(port)]
        let ready = launcher(arguments, port: port)
        #expect(ready.start(URL(fileURLWithPath: python!)) == .serving("http://127.0.0.1:\(port)"))
        #expect(ServerProcess.status(port: port, path: "/health/ready") == 200)
        ready.stop()
        #expect(!ServerProcess.accepts(port: port))

        let missing = launcher(arguments, port: port, readyPath: "/not-here", timeout: 1)
        #expect(missing.start(URL(fileURLWithPath: python!)) == .failed("it did not answer /not-here with 200 within 1.0 s (stopped)"))
        #expect(!ServerProcess.accepts(port: port))
    }

    @Test("a rebuild shows SwiftPM's step lines while it runs: the first at once, then at most one per interval; other lines not")
    func buildProgress() {
        var progress = BuildProgress(interval: 5)
        let start = Date(timeIntervalSince1970: 1_000)
        #expect(progress.line("Building for debugging...", at: start) == nil)
        #expect(progress.line("[1/120] Compiling Runtime A.swift", at: start) == "  building [1/120] Compiling Runtime A.swift")
        #expect(progress.line("[2/120] Compiling Runtime B.swift", at: start.addingTimeInterval(4)) == nil)
        #expect(progress.line("[x/y] not a step", at: start.addingTimeInterval(6)) == nil)
        #expect(progress.line("[60/120] Compiling Server C.swift", at: start.addingTimeInterval(6)) == "  building [60/120] Compiling Server C.swift")
    }

    @Test("--build-option reaches every swift build, dashes and all, in the order given")
    func buildOptions() throws {
        let dev = try Dev.parse(["--app", "blog", "--build-option", "--enable-code-coverage", "--build-option=-Xswiftc", "--build-option", "-g"])
        let builder = dev.builder(root: FileManager.default.temporaryDirectory)
        #expect(builder.buildCommand == ["swift", "build", "--product", "loom-server", "--enable-code-coverage", "-Xswiftc", "-g"])
        #expect(builder.binPathCommand == ["swift", "build", "--show-bin-path", "--enable-code-coverage", "-Xswiftc", "-g"])
        #expect(try Dev.parse([]).builder(root: FileManager.default.temporaryDirectory).buildCommand == ["swift", "build", "--product", "loom-server"])
    }

    @Test("a command's output lines reach the builder as they come, and its whole output is kept")
    func commandLinesStream() {
        var lines: [String] = []
        let result = SwiftDevBuilder.run(["printf", "[1/2] one\\n[2/2] two\\nlast"], in: FileManager.default.temporaryDirectory) {
            lines.append($0)
        }
        #expect(result.status == 0)
        #expect(lines == ["[1/2] one", "[2/2] two"])
        #expect(result.output == "[1/2] one\n[2/2] two\nlast")
    }
}
