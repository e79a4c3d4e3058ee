import FuzzDriver
import SchemaModel

/// Feeds arbitrary bytes to the schema parser and validator (`SchemaPipeline.load`). Any outcome
/// but a crash is a pass: every input must become schemas or diagnostics.
///
/// An input is one or more schema files separated by U+001E (record separator); each starts with
/// its path on the first line (`Schemas/fz/tables/tasks.json`), so one input can hold an app, its
/// tables and endpoints and reach the cross-file rules (relations, routes, scopes). The committed
/// corpus (`Fuzz/SchemaFuzzer/`) is built from the real apps' files in that form.
enum SchemaFuzzInput {
    static func run(_ bytes: UnsafeRawBufferPointer) {
        var files: [SchemaFile] = []
        for chunk in bytes.split(separator: 0x1E, omittingEmptySubsequences: true).prefix(16) {
            let newline = chunk.firstIndex(of: 0x0A) ?? chunk.endIndex
            let path = String(decoding: chunk[chunk.startIndex..<newline], as: UTF8.self)
            let contents = newline == chunk.endIndex ? [] : Array(chunk[chunk.index(after: newline)...])
            files.append(SchemaFile(path: path.isEmpty ? "Schemas/fz/app.json" : path, contents: contents))
        }
        switch SchemaPipeline.load(files) {
        case .success(let loaded):
            precondition(!loaded.warnings.containsErrors, "loaded schemas carry no error")
        case .failure(let diagnostics):
            precondition(!diagnostics.errors.isEmpty, "a refusal names at least one error")
        }
    }
}

#if LOOM_FUZZ
/// libFuzzer's per-input callback.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSchema(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    SchemaFuzzInput.run(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

/// SwiftPM links an executable's entry point under `<Target>_main`; in the fuzz build that
/// entry point hands control to libFuzzer's driver.
@_cdecl("SchemaFuzzer_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzDriver.run(argc, argv, fuzzSchema)
}
#else
/// Without libFuzzer: replays the files named on the command line through the same code path.
@main
struct SchemaFuzzReplay {
    static func main() throws {
        try FuzzDriver.replay(CommandLine.arguments.dropFirst()) { SchemaFuzzInput.run($0) }
    }
}
#endif
