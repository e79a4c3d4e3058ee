#if canImport(Glibc)
import Glibc
#endif

/// glibc's allocator settings for a server process, applied once at start.
///
/// By default glibc gives the top of a thread's heap back to the system (`madvise`) whenever
/// more than 128 KB of it is free, and maps every allocation over 128 KB on its own. The SQLite
/// writer thread allocates and frees a batch's statements, rows and event payloads many times a
/// second, so each batch paid for a trim (a `madvise` with a TLB shoot-down on every core) and for
/// faulting the same pages back in: 4.6 % of the samples of a POST with one webhook
/// subscription (`Benchmarks/profile post --app benchwebhooks --record --children`), none after.
/// The settings keep up to 32 MB of free heap top per arena and map only allocations over 8 MB
/// on their own, the values glibc's own dynamic threshold settles at for large programs; memory
/// freed below that stays with the process for the next batch.
///
/// An operator who sets `GLIBC_TUNABLES` with any `glibc.malloc.` tunable keeps their values.
enum AllocatorSettings {
    /// The free heap top a thread's arena keeps.
    static let trimThreshold: Int32 = 32 << 20
    /// The size from which an allocation is mapped on its own.
    static let mapThreshold: Int32 = 8 << 20

    /// `mallopt` parameters from `<malloc.h>` (negative macros Swift does not import).
    private static let trimThresholdParameter: Int32 = -1, mapThresholdParameter: Int32 = -3

    /// Applies the settings unless `environment` tunes the allocator itself; returns whether it did.
    @discardableResult
    static func apply(environment: [String: String]) -> Bool {
        #if canImport(Glibc)
        if let tunables = environment["GLIBC_TUNABLES"], tunables.contains("glibc.malloc.") { return false }
        // `mallopt` is glibc's, outside the C library module Swift imports: looked up by name.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return false }
        let mallopt = unsafeBitCast(symbol, to: (@convention(c) (Int32, Int32) -> Int32).self)
        return mallopt(trimThresholdParameter, trimThreshold) == 1 && mallopt(mapThresholdParameter, mapThreshold) == 1
        #else
        return false
        #endif
    }
}
