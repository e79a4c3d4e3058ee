import ValueFormats

/// Keys of `prefixed` tables: the table's prefix and 22 base-62 characters (128 random bits),
/// like Stripe's `cus_...`, stored as text (`Base62ID` writes and checks them).
public enum PrefixedKey {
    /// Characters after the prefix.
    public static let length = Base62ID.length

    /// A new random key.
    public static func generate(prefix: String) -> String {
        var generator = SystemRandomNumberGenerator()
        return Base62ID.encode(high: generator.next(), low: generator.next(), prefix: prefix)
    }

    /// Whether `text` can be a key with `prefix`.
    public static func isValid(_ text: String, prefix: String) -> Bool { Base62ID.isValid(text, prefix: prefix) }
}
