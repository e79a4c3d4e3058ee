/// Keys of `prefixed` tables: the table's prefix and 22 base-62 characters (128 random bits),
/// like Stripe's `cus_...`, stored as text.
public enum PrefixedKey {
    /// Characters after the prefix.
    public static let length = 22
    private static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    /// A new random key.
    public static func generate(prefix: String) -> String {
        var generator = SystemRandomNumberGenerator()
        var high = generator.next() as UInt64
        var low = generator.next() as UInt64
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

    /// Whether `text` can be a key with `prefix`.
    public static func isValid(_ text: String, prefix: String) -> Bool {
        let utf8 = text.utf8
        guard utf8.count == prefix.utf8.count + length, text.hasPrefix(prefix) else { return false }
        return utf8.dropFirst(prefix.utf8.count).allSatisfy { byte in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
        }
    }
}
