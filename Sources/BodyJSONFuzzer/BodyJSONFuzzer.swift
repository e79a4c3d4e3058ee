import FuzzDriver
import RequestJSON

/// Feeds arbitrary bytes to the request-body JSON parser (`JSONInputParser`), which reads every
/// body before validation. Any outcome but a crash (or a hang, which libFuzzer's `-timeout`
/// reports) is a pass: every input must become a value or a `SyntaxError` inside the input.
enum BodyJSONFuzzInput {
    static func run(_ bytes: UnsafeRawBufferPointer) {
        let input = Array(bytes)
        do {
            let value = try JSONInputParser.parse(input)
            _ = value.containsNUL
            _ = value.kindDescription
        } catch {
            precondition(error.offset >= 0 && error.offset <= input.count, "a syntax error points inside the input")
        }
    }
}

#if LOOM_FUZZ
/// libFuzzer's per-input callback.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzBody(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    BodyJSONFuzzInput.run(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

/// SwiftPM links an executable's entry point under `<Target>_main`; in the fuzz build that
/// entry point hands control to libFuzzer's driver.
@_cdecl("BodyJSONFuzzer_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzDriver.run(argc, argv, fuzzBody)
}
#else
/// Without libFuzzer: replays the files named on the command line through the same code path.
@main
struct BodyJSONFuzzReplay {
    static func main() throws {
        try FuzzDriver.replay(CommandLine.arguments.dropFirst()) { BodyJSONFuzzInput.run($0) }
    }
}
#endif
