import Foundation

/// What every Loom fuzzer shares: handing control to libFuzzer in the fuzz build, and replaying
/// saved inputs (a crash reproducer, the committed corpus) through the same code path without it.
///
/// A fuzzer target depends on this and on the one dependency-free target it fuzzes, so its
/// sanitizer build compiles only those (see `.ci/run`). Each target keeps the two entry points
/// libFuzzer and SwiftPM look up by name (`LLVMFuzzerTestOneInput`, `<Target>_main`), which must
/// be declared in the executable itself.
public enum FuzzDriver {
    /// libFuzzer's per-input callback type.
    public typealias Callback = @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt

    #if LOOM_FUZZ
    /// Runs libFuzzer's driver (linked in by `-sanitize=fuzzer`) with the process's arguments.
    public static func run(
        _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?, _ callback: Callback
    ) -> CInt {
        var count = argc
        var arguments = argv
        return runFuzzerDriver(&count, &arguments, callback)
    }
    #endif

    /// Feeds each file named in `paths` to `body`, printing `ok <path>` after each; a crash
    /// stops at the input that caused it.
    public static func replay(_ paths: some Sequence<String>, _ body: (UnsafeRawBufferPointer) -> Void) throws {
        for path in paths {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            data.withUnsafeBytes { body($0) }
            print("ok \(path)")
        }
    }
}

#if LOOM_FUZZ
/// libFuzzer's driver, linked in by `-sanitize=fuzzer`.
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt
#endif
