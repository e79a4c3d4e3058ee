extension ValueFormats {
    private static let base64URLAlphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".utf8)

    /// `bytes` as unpadded base64url (RFC 4648 §5): list cursors, CSRF tokens, PKCE challenges.
    /// Written byte by byte: it runs on every list page (`next_cursor`), where Foundation's
    /// encoder followed by three `replacingOccurrences` cost about 6 % of the request.
    public static func base64URL(_ input: [UInt8]) -> String {
        var output = [UInt8]()
        output.reserveCapacity((input.count * 4 + 2) / 3)
        var index = 0
        while index + 2 < input.count {
            let group = UInt32(input[index]) << 16 | UInt32(input[index + 1]) << 8 | UInt32(input[index + 2])
            output.append(base64URLAlphabet[Int(group >> 18 & 63)])
            output.append(base64URLAlphabet[Int(group >> 12 & 63)])
            output.append(base64URLAlphabet[Int(group >> 6 & 63)])
            output.append(base64URLAlphabet[Int(group & 63)])
            index += 3
        }
        let rest = input.count - index
        if rest > 0 {
            let group = UInt32(input[index]) << 16 | (rest == 2 ? UInt32(input[index + 1]) << 8 : 0)
            output.append(base64URLAlphabet[Int(group >> 18 & 63)])
            output.append(base64URLAlphabet[Int(group >> 12 & 63)])
            if rest == 2 { output.append(base64URLAlphabet[Int(group >> 6 & 63)]) }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The bytes of unpadded base64url text; `nil` for any character outside the alphabet
    /// (`=` included), a length no encoding has (one character left over), or leftover bits
    /// that are not zero (so each byte string has exactly one text).
    public static func bytes(base64URL text: String) -> [UInt8]? {
        var text = text
        return text.withUTF8 { characters -> [UInt8]? in
            guard characters.count % 4 != 1 else { return nil }
            var output = [UInt8]()
            output.reserveCapacity(characters.count * 3 / 4)
            var group: UInt32 = 0
            var bits = 0
            for character in characters {
                guard let value = base64URLValue(character) else { return nil }
                group = group << 6 | UInt32(value)
                bits += 6
                if bits >= 8 {
                    bits -= 8
                    output.append(UInt8(truncatingIfNeeded: group >> UInt32(bits)))
                    group &= (1 << UInt32(bits)) - 1
                }
            }
            return group == 0 ? output : nil
        }
    }

    private static func base64URLValue(_ character: UInt8) -> UInt8? {
        switch character {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): return character - UInt8(ascii: "A")
        case UInt8(ascii: "a")...UInt8(ascii: "z"): return character - UInt8(ascii: "a") + 26
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return character - UInt8(ascii: "0") + 52
        case UInt8(ascii: "-"): return 62
        case UInt8(ascii: "_"): return 63
        default: return nil
        }
    }
}
