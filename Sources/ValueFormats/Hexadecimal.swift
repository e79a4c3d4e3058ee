extension ValueFormats {
    /// Lower-case hexadecimal digits by value.
    static let lowercaseHexadecimalDigits = Array("0123456789abcdef".utf8)

    /// `bytes` as lower-case hexadecimal digits, two per byte: a stored token digest, a
    /// `sha256=<hex>` signature, a request fingerprint.
    public static func hexadecimal(_ bytes: some Sequence<UInt8>) -> String {
        var text = [UInt8]()
        text.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            text.append(lowercaseHexadecimalDigits[Int(byte >> 4)])
            text.append(lowercaseHexadecimalDigits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The bytes written as hexadecimal digits (either case, two per byte): a stored token digest,
    /// a `sha256=<hex>` signature. `nil` for an odd number of digits or anything that is not a
    /// digit; `[]` for the empty text.
    public static func bytes(hexadecimal text: some StringProtocol) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count % 2 == 0 else { return nil }
        var result = [UInt8]()
        result.reserveCapacity(digits.count / 2)
        var index = 0
        while index < digits.count {
            guard let high = nibble(digits[index]), let low = nibble(digits[index + 1]) else { return nil }
            result.append(high << 4 | low)
            index += 2
        }
        return result
    }

    /// The value of one hexadecimal digit (either case).
    static func nibble(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return digit - UInt8(ascii: "A") + 10
        default: return nil
        }
    }
}
