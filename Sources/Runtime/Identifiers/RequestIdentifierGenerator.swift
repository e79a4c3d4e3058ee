import Foundation

/// Makes new request ids: version 4 UUIDs in lowercase text, from a generator seeded once.
///
/// Why not `UUID().uuidString.lowercased()`: on Linux, Foundation's `UUID()` reads the system's
/// random source on every call, which measured about 7 µs, more than the rest of a
/// `/health/live` answer, and every response needs an id. Request ids must be unique, not
/// secret, so a SplitMix64 sequence (a bijection of a counter, so it cannot repeat within
/// 2^64 ids) seeded from the system random source at start-up is enough, and it costs tens
/// of nanoseconds.
///
/// `@unchecked Sendable`: `state` is read and written only while holding `lock`.
final class RequestIdentifierGenerator: @unchecked Sendable {
    /// The process-wide generator.
    static let shared = RequestIdentifierGenerator()

    private let lock = NSLock()
    private var state: UInt64

    /// Creates a generator seeded from the system random source.
    init() {
        var system = SystemRandomNumberGenerator()
        state = system.next()
    }

    /// Creates a generator with a fixed seed (tests).
    init(seed: UInt64) {
        state = seed
    }

    /// A new id such as `1b4e28ba-2fa1-41d2-883f-0016d3cca427`.
    func next() -> String {
        let (high, low) = draw()
        // Version 4 and the RFC 4122 variant, as a random UUID.
        return Self.text(high: (high & 0xFFFF_FFFF_FFFF_0FFF) | 0x0000_0000_0000_4000, low: low, dashes: true)
    }

    /// A new id in the shape of a version 7 UUID: the 48 bits of `milliseconds` (Unix time)
    /// first, then 74 bits of the sequence, so ids made later sort later and a database index
    /// on them grows at its end instead of touching a random page per insert. `dashes: false`
    /// gives the 32 hex digits alone.
    func nextTimeOrdered(milliseconds: Int64, dashes: Bool) -> String {
        let (high, low) = draw()
        let time = UInt64(max(0, milliseconds)) & 0xFFFF_FFFF_FFFF
        return Self.text(high: time << 16 | 0x7000 | (high & 0x0FFF), low: low, dashes: dashes)
    }

    private func draw() -> (high: UInt64, low: UInt64) {
        lock.lock()
        let high = Self.mix(&state)
        let low = Self.mix(&state)
        lock.unlock()
        return (high, low)
    }

    /// The UUID text of `high` and `low` (the RFC 4122 variant set in `low`).
    private static func text(high: UInt64, low: UInt64, dashes: Bool) -> String {
        let versioned = high
        let varied = (low & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000
        return String(unsafeUninitializedCapacity: dashes ? 36 : 32) { buffer in
            let digits: StaticString = "0123456789abcdef"
            var position = 0
            func put(_ value: UInt64, nibbles: Int) {
                var shift = (nibbles - 1) * 4
                while shift >= 0 {
                    buffer[position] = digits.utf8Start[Int((value >> UInt64(shift)) & 0xF)]
                    position += 1
                    shift -= 4
                }
            }
            func dash() {
                guard dashes else { return }
                buffer[position] = UInt8(ascii: "-")
                position += 1
            }
            put(versioned >> 32, nibbles: 8)
            dash()
            put(versioned >> 16, nibbles: 4)
            dash()
            put(versioned, nibbles: 4)
            dash()
            put(varied >> 48, nibbles: 4)
            dash()
            put(varied, nibbles: 12)
            return position
        }
    }

    /// One SplitMix64 step.
    private static func mix(_ state: inout UInt64) -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
