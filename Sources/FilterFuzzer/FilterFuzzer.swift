import FuzzDriver
import QueryGrammar

/// Feeds arbitrary bytes to the filter and sort parsers. Any outcome but a crash is a pass:
/// the parsers must turn every input into an expression or a `FilterSyntaxError`.
enum FilterFuzzInput {
    /// Parses one input with tight limits (so deep nesting is reached quickly) and default ones.
    static func run(_ bytes: UnsafeRawBufferPointer) {
        let text = String(decoding: bytes, as: UTF8.self)
        let tight = FilterParser.Limits(maxLength: 512, maxDepth: 4, maxComparisons: 8, maxListValues: 4)
        if let expression = try? FilterParser.parse(text, limits: tight) {
            precondition(!expression.comparisons.isEmpty, "a parsed filter has at least one comparison")
        }
        _ = try? FilterParser.parse(text)
        _ = try? SortParser.parse(text)
    }
}

#if LOOM_FUZZ
/// libFuzzer's per-input callback.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFilter(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    FilterFuzzInput.run(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

/// SwiftPM links an executable's entry point under `<Target>_main`; in the fuzz build that
/// entry point hands control to libFuzzer's driver.
@_cdecl("FilterFuzzer_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzDriver.run(argc, argv, fuzzFilter)
}
#else
/// Without libFuzzer: replays the files named on the command line (for example a crash
/// reproducer) through the same code path.
@main
struct FilterFuzzReplay {
    static func main() throws {
        try FuzzDriver.replay(CommandLine.arguments.dropFirst()) { FilterFuzzInput.run($0) }
    }
}
#endif
