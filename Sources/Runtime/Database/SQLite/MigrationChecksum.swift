/// The checksum recorded with every applied migration step in `loom_migrations.checksum`.
///
/// It is a 64-bit FNV-1a hash of the step's SQL text, written as 16 lowercase hex digits. It only
/// needs to tell whether the SQL of a recorded step changed (for diagnostics), not to resist
/// tampering, so a tiny, dependency-free, platform-independent hash is enough; Foundation has
/// no SHA-256 on Linux. Both drivers must use this one function so that checksums agree.
enum MigrationChecksum {
    /// FNV-1a (64-bit) of the UTF-8 bytes of `text`, as 16 lowercase hex digits.
    static func fnv1a64Hex(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
