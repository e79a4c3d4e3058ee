import Foundation
import Testing

@testable import loom

/// `loom dev`'s cycle with every side effect faked (clock, files, generator, builder, server):
/// what it runs on a save, what it prints, and that a working build is never left unserved.
@Suite("loom dev: the watch, regenerate, rebuild, restart cycle")
struct DevLoopTests {
    @Test("the first cycle generates, builds and starts, and says how long each step took")
    func firstCycle() {
        let dev = DevLoopHarness()
        dev.loop.start()
        #expect(dev.take() == [
            "loom dev: watching Schemas, Templates, Sources (3 files); Ctrl-C stops",
            "regenerating...",
            "Generated/ is up to date (3 files, 1 apps; 1.5 s).",
            "rebuilding...",
            "built in 4.0 s",
            "restarting...",
            "serving at http://127.0.0.1:8080 after 5.8 s from the start (generate 1.5 s, build 4.0 s, start 0.3 s)",
        ])
        #expect(dev.launcher.events == ["stop", "start /builds/1"])
        #expect(dev.loop.serving?.path == "/builds/1")
    }

    @Test("a schema change regenerates, rebuilds and restarts; the time runs from the save")
    func schemaChange() {
        let dev = DevLoopHarness()
        dev.loop.start()
        _ = dev.take()
        #expect(!dev.poll())
        dev.watcher.save("Schemas/blog/tables/notes.json", offset: -0.2)
        #expect(dev.poll())
        #expect(dev.take() == [
            "",
            "changed: Schemas/blog/tables/notes.json",
            "regenerating...",
            "Generated/ is up to date (3 files, 1 apps; 1.5 s).",
            "rebuilding...",
            "built in 4.0 s",
            "restarting...",
            // 0.2 s before the look, 0.5 s settling, 1.5 + 4.0 + 0.3 s of steps.
            "serving at http://127.0.0.1:8080 after 6.5 s from the save (generate 1.5 s, build 4.0 s, start 0.3 s)",
        ])
        #expect(dev.generator.runs == 2)
        #expect(dev.launcher.events == ["stop", "start /builds/1", "stop", "start /builds/2"])
        #expect(dev.builder.kept.map { $0?.path } == [nil, "/builds/1"])
        #expect(dev.loop.serving?.path == "/builds/2")
    }

    @Test("a change under Sources/ rebuilds and restarts without regenerating")
    func sourceChange() {
        let dev = DevLoopHarness()
        dev.loop.start()
        _ = dev.take()
        dev.watcher.save("Sources/Server/Main.swift")
        #expect(dev.poll())
        let lines = dev.take()
        #expect(!lines.contains("regenerating..."))
        #expect(lines.last == "serving at http://127.0.0.1:8080 after 4.8 s from the save (build 4.0 s, start 0.3 s)")
        #expect(dev.generator.runs == 1)
    }

    @Test("several saves in a burst make one rebuild")
    func burst() {
        let dev = DevLoopHarness()
        dev.loop.start()
        _ = dev.take()
        dev.watcher.save("Schemas/blog/tables/notes.json")
        dev.watcher.save("Schemas/blog/app.json")
        dev.watcher.save("Schemas/blog/tables/notes.json")
        dev.watcher.save("Sources/Server/Main.swift")
        #expect(dev.poll())
        #expect(!dev.poll())
        let lines = dev.take()
        #expect(lines.contains("changed: Schemas/blog/app.json, Schemas/blog/tables/notes.json, Sources/Server/Main.swift"))
        #expect(lines.filter { $0 == "rebuilding..." }.count == 1)
        #expect(dev.generator.runs == 2)
        #expect(dev.builder.kept.count == 2)
        #expect(dev.launcher.events == ["stop", "start /builds/1", "stop", "start /builds/2"])
    }

    @Test("a failed generation prints the diagnostics and keeps the old server serving; the next save regenerates")
    func generationFails() {
        let dev = DevLoopHarness()
        dev.loop.start()
        _ = dev.take()
        let diagnostic = #"Schemas/blog/tables/notes.json: error: unknown field type "strng"; use one of string, text (did you mean "string"?) [at: fields.title.type]"#
        dev.generator.results = [(false, [diagnostic, "loom: 1 error in Schemas/; nothing was generated."])]
        dev.watcher.save("Schemas/blog/tables/notes.json")
        #expect(dev.poll())
        #expect(dev.take() == [
            "", "changed: Schemas/blog/tables/notes.json", "regenerating...", diagnostic,
            "loom: 1 error in Schemas/; nothing was generated.",
            "generation failed (diagnostics above); still serving the last good build at http://127.0.0.1:8080",
        ])
        #expect(dev.launcher.events == ["stop", "start /builds/1"])
        #expect(dev.launcher.running == "/builds/1")
        // A save under Sources/ alone still regenerates: Generated/ is behind the schemas.
        dev.watcher.save("Sources/Server/Main.swift")
        #expect(dev.poll())
        #expect(dev.take().contains("regenerating..."))
        #expect(dev.launcher.running == "/builds/2")
    }

    @Test("a failed build prints the compiler's errors and keeps the old server serving")
    func buildFails() {
        let dev = DevLoopHarness()
        dev.loop.start()
        _ = dev.take()
        dev.builder.failures = [["Sources/Server/Main.swift:3:5: error: cannot find 'x' in scope"]]
        dev.watcher.save("Sources/Server/Main.swift")
        #expect(dev.poll())
        #expect(dev.take() == [
            "", "changed: Sources/Server/Main.swift", "rebuilding...",
            "Sources/Server/Main.swift:3:5: error: cannot find 'x' in scope",
            "build failed (errors above); still serving the last good build at http://127.0.0.1:8080",
        ])
        #expect(dev.launcher.events == ["stop", "start /builds/1"])
        #expect(dev.launcher.running == "/builds/1")
        #expect(dev.loop.serving?.path == "/builds/1")
    }

    @Test("a first build that fails says nothing is serving yet")
    func firstBuildFails() {
        let dev = DevLoopHarness()
        dev.builder.failures = [["error: boom"]]
        dev.loop.start()
        #expect(dev.take().suffix(2) == ["error: boom", "build failed (errors above); nothing is serving yet"])
        #expect(dev.launcher.events.isEmpty)
    }

    @Test("a new build that does not start brings the previous build back, and says so")
    func newServerFails() {
        let dev = DevLoopHarness()
        dev.loop.start()
        _ = dev.take()
        dev.launcher.failing["/builds/2"] = "it exited with status 1 before it was ready (its output is above)"
        dev.watcher.save("Schemas/blog/tables/notes.json")
        #expect(dev.poll())
        #expect(dev.take().suffix(4) == [
            "restarting...",
            "the new build did not start: it exited with status 1 before it was ready (its output is above)",
            "starting the previous build again...",
            "serving the previous build at http://127.0.0.1:8080 again; fix the cause and save again",
        ])
        #expect(dev.launcher.events == ["stop", "start /builds/1", "stop", "start /builds/2", "start /builds/1"])
        #expect(dev.launcher.running == "/builds/1")
        #expect(dev.loop.serving?.path == "/builds/1")
        // The next build keeps the binary that serves, so it is still there to fall back on.
        dev.watcher.save("Schemas/blog/tables/notes.json")
        #expect(dev.poll())
        #expect(dev.builder.kept.last??.path == "/builds/1")
        #expect(dev.launcher.running == "/builds/3")
    }

    @Test("a server that exits on its own is reported once, not restarted in a loop; the next save starts one")
    func serverExits() {
        let dev = DevLoopHarness()
        dev.loop.start()
        _ = dev.take()
        dev.launcher.exit = "exited with status 1"
        #expect(!dev.poll())
        #expect(dev.take() == ["", "the server exited with status 1 (its output is above); nothing is serving; save a file to rebuild and start it again"])
        #expect(!dev.poll())
        #expect(dev.take().isEmpty)
        #expect(dev.loop.serving == nil)
        dev.watcher.save("Sources/Server/Main.swift")
        #expect(dev.poll())
        #expect(dev.launcher.running == "/builds/2")
    }

    @Test("when the previous build does not start either, the loop says nothing is serving")
    func bothFail() {
        let dev = DevLoopHarness()
        dev.loop.start()
        _ = dev.take()
        dev.launcher.failing = ["/builds/1": "it exited with status 1", "/builds/2": "it did not answer /health/ready with 200 within 60.0 s (stopped)"]
        dev.watcher.save("Schemas/blog/tables/notes.json")
        #expect(dev.poll())
        #expect(dev.take().suffix(3) == [
            "the new build did not start: it did not answer /health/ready with 200 within 60.0 s (stopped)",
            "starting the previous build again...",
            "the previous build did not start either: it exited with status 1; nothing is serving; fix the cause and save again",
        ])
        #expect(dev.loop.serving == nil)
    }
}
