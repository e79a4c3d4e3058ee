import FuzzDriver
import QueryGrammar

/// Feeds arbitrary bytes to the cursor payload parser (`CursorPayload.parse`), the part of a list
/// cursor that reads text a client sent back. Any outcome but a crash is a pass, and whatever
/// parses must survive a round trip: formatting it and parsing again gives the same sort and
/// values (so a cursor the server wrote always reads back as written).
enum CursorFuzzInput {
    static func run(_ bytes: UnsafeRawBufferPointer) {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let (sort, values) = CursorPayload.parse(text) else { return }
        let again = CursorPayload.parse(CursorPayload.format(sort: sort, values: values))
        precondition(again?.sort == sort, "the sort survives a round trip")
        precondition(again.map { $0.values.count } == values.count, "every value survives a round trip")
        for (before, after) in zip(values, again?.values ?? []) {
            if case .double(let number) = before, number.isNaN { continue }
            precondition(before == after, "\(before) survives a round trip")
        }
    }
}

#if LOOM_FUZZ
/// libFuzzer's per-input callback.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzCursor(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    CursorFuzzInput.run(UnsafeRawBufferPointer(start: data, count: size))
    return 0
}

/// SwiftPM links an executable's entry point under `<Target>_main`; in the fuzz build that
/// entry point hands control to libFuzzer's driver.
@_cdecl("CursorFuzzer_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    FuzzDriver.run(argc, argv, fuzzCursor)
}
#else
/// Without libFuzzer: replays the files named on the command line through the same code path.
@main
struct CursorFuzzReplay {
    static func main() throws {
        try FuzzDriver.replay(CommandLine.arguments.dropFirst()) { CursorFuzzInput.run($0) }
    }
}
#endif
