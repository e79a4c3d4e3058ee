/// Reads ASCII fields from the front of a byte buffer (the date and date-time grammars).
@usableFromInline
struct AsciiCursor {
    /// The whole input.
    @usableFromInline let bytes: UnsafeBufferPointer<UInt8>
    /// Index of the next unread byte.
    @usableFromInline var position = 0

    @inlinable
    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    /// Whether every byte has been consumed.
    @inlinable
    var isAtEnd: Bool { position == bytes.count }

    /// Consumes `character` if it is next.
    @inlinable
    mutating func skip(_ character: Unicode.Scalar) -> Bool {
        guard position < bytes.count, bytes[position] == UInt8(ascii: character) else { return false }
        position += 1
        return true
    }

    /// Consumes one decimal digit if it is next.
    @inlinable
    mutating func digit() -> Int64? {
        guard position < bytes.count else { return nil }
        let byte = bytes[position]
        guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
        position += 1
        return Int64(byte - UInt8(ascii: "0"))
    }

    /// Consumes exactly `digits` decimal digits.
    @inlinable
    mutating func number(digits: Int) -> Int64? {
        var value: Int64 = 0
        for _ in 0..<digits {
            guard let next = digit() else { return nil }
            value = value * 10 + next
        }
        return value
    }
}
