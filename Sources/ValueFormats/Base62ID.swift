/// The text of prefixed ids (`usr_4Hc1...`, like Stripe's): a prefix and 22 base-62 characters
/// holding 128 bits, most significant first.
///
/// Table keys of `prefixed` tables are 128 random bits written this way; auth resources with a
/// declared prefix are their UUID's 128 bits written this way, so `decode(encode(x)) == x` and
/// a prefixed id converts back to the UUID the database holds.
public enum Base62ID {
    /// Characters after the prefix.
    public static let length = 22
    private static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    /// `prefix` followed by the 22 digits of the 128-bit number `(high, low)`.
    public static func encode(high: UInt64, low: UInt64, prefix: String) -> String {
        var high = high
        var low = low
        var digits = [UInt8](repeating: alphabet[0], count: length)
        for index in stride(from: length - 1, through: 0, by: -1) {
            // Divide the 128-bit number (high, low) by 62, keeping the remainder.
            let highQuotient = high / 62
            let highRemainder = high % 62
            let (lowQuotient, remainder) = UInt64(62).dividingFullWidth((high: highRemainder, low: low))
            high = highQuotient
            low = lowQuotient
            digits[index] = alphabet[Int(remainder)]
        }
        return prefix + String(decoding: digits, as: UTF8.self)
    }

    /// The 128-bit number of `text`, or `nil` when it is not `prefix` and 22 base-62 digits or
    /// the digits exceed 128 bits.
    public static func decode(_ text: String, prefix: String) -> (high: UInt64, low: UInt64)? {
        guard text.utf8.count == prefix.utf8.count + length, text.hasPrefix(prefix) else { return nil }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for byte in text.utf8.dropFirst(prefix.utf8.count) {
            guard let digit = value(of: byte) else { return nil }
            // (high, low) * 62 + digit, refusing a carry out of the top 64 bits.
            let (highProduct, highOverflow) = high.multipliedReportingOverflow(by: 62)
            let lowProduct = low.multipliedFullWidth(by: 62)
            let (lowSum, carry) = lowProduct.low.addingReportingOverflow(UInt64(digit))
            let (newHigh, sumOverflow) = highProduct.addingReportingOverflow(lowProduct.high + (carry ? 1 : 0))
            guard !highOverflow, !sumOverflow else { return nil }
            high = newHigh
            low = lowSum
        }
        return (high, low)
    }

    /// Whether `text` is `prefix` and 22 base-62 digits.
    public static func isValid(_ text: String, prefix: String) -> Bool {
        guard text.utf8.count == prefix.utf8.count + length, text.hasPrefix(prefix) else { return false }
        return text.utf8.dropFirst(prefix.utf8.count).allSatisfy { value(of: $0) != nil }
    }

    /// The regular expression of such ids, for documents: `^usr_[0-9A-Za-z]{22}$`, or without the
    /// anchors for a writer that anchors patterns itself.
    public static func pattern(prefix: String, anchored: Bool = true) -> String {
        let body = "\(prefix)[0-9A-Za-z]{\(length)}"
        return anchored ? "^\(body)$" : body
    }

    private static func value(of byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return byte - UInt8(ascii: "0")
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return byte - UInt8(ascii: "A") + 10
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return byte - UInt8(ascii: "a") + 36
        default: return nil
        }
    }
}
