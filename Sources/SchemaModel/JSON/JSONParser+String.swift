extension JSONParser {
    /// Parses a string starting at its opening quote, validating escapes and UTF-8 as it goes
    /// so that every error points at the offending byte.
    mutating func parseString() throws(JSONParseError) -> String {
        let start = offset
        offset += 1
        var utf8: [UInt8] = []
        while true {
            guard let byte = current else {
                throw error(.unterminatedString, at: start, "unterminated string; add the closing '\"'")
            }
            switch byte {
            case ASCII.quote:
                offset += 1
                return String(decoding: utf8, as: UTF8.self)
            case ASCII.backslash:
                try parseEscape(into: &utf8)
            case 0x00..<0x20:
                let hint =
                    byte == ASCII.newline
                    ? "strings cannot span lines; close the string with '\"' or write the line break as \\n"
                    : "write control characters as escapes such as \\t or \\u0001"
                throw error(.controlCharacterInString, at: offset, "raw control character in string; \(hint)")
            case 0x80...:
                try copyMultibyteScalar(into: &utf8)
            default:
                utf8.append(byte)
                offset += 1
            }
        }
    }

    private mutating func parseEscape(into utf8: inout [UInt8]) throws(JSONParseError) {
        let escapeStart = offset
        offset += 1
        guard let byte = current else {
            throw error(.unterminatedString, at: escapeStart, "unterminated escape sequence at the end of input")
        }
        offset += 1
        switch byte {
        case ASCII.quote, ASCII.backslash, ASCII.slash: utf8.append(byte)
        case UInt8(ascii: "b"): utf8.append(0x08)
        case UInt8(ascii: "f"): utf8.append(0x0C)
        case UInt8(ascii: "n"): utf8.append(ASCII.newline)
        case UInt8(ascii: "r"): utf8.append(ASCII.carriageReturn)
        case UInt8(ascii: "t"): utf8.append(ASCII.tab)
        case UInt8(ascii: "u"):
            let scalar = try parseUnicodeEscape(escapeStart: escapeStart)
            utf8.append(contentsOf: Array(String(Character(scalar)).utf8))
        default:
            throw error(
                .invalidEscape, at: escapeStart,
                "invalid escape sequence; JSON allows \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX (write a literal backslash as \\\\)"
            )
        }
    }

    /// Reads the four hex digits after `\u` and, for a high surrogate, the `\uXXXX` low
    /// surrogate that must follow it.
    private mutating func parseUnicodeEscape(escapeStart: Int) throws(JSONParseError) -> Unicode.Scalar {
        let unit = try parseHexQuad(escapeStart: escapeStart)
        switch unit {
        case 0xD800...0xDBFF:
            let lowStart = offset
            guard current == ASCII.backslash, offset + 1 < bytes.count, bytes[offset + 1] == UInt8(ascii: "u") else {
                throw error(
                    .invalidUnicodeEscape, at: escapeStart,
                    "unpaired high surrogate; follow it with a low surrogate escape \\uDC00-\\uDFFF")
            }
            offset += 2
            let low = try parseHexQuad(escapeStart: lowStart)
            guard (0xDC00...0xDFFF).contains(low) else {
                throw error(
                    .invalidUnicodeEscape, at: lowStart,
                    "expected a low surrogate escape \\uDC00-\\uDFFF after a high surrogate")
            }
            let value = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
            return Unicode.Scalar(value)!
        case 0xDC00...0xDFFF:
            throw error(
                .invalidUnicodeEscape, at: escapeStart,
                "unpaired low surrogate; a low surrogate must follow a high surrogate \\uD800-\\uDBFF")
        default:
            return Unicode.Scalar(unit)!
        }
    }

    private mutating func parseHexQuad(escapeStart: Int) throws(JSONParseError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let byte = current, let digit = Self.hexValue(byte) else {
                throw error(
                    .invalidUnicodeEscape, at: escapeStart, "invalid unicode escape; \\u needs exactly four hex digits")
            }
            value = value << 4 | digit
            offset += 1
        }
        return value
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case ASCII.zero...ASCII.nine: return UInt32(byte - ASCII.zero)
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return UInt32(byte - UInt8(ascii: "A") + 10)
        default: return nil
        }
    }

    /// Copies one multi-byte UTF-8 sequence after checking it is well-formed (RFC 3629:
    /// no overlong forms, no surrogates, nothing above U+10FFFF).
    private mutating func copyMultibyteScalar(into utf8: inout [UInt8]) throws(JSONParseError) {
        let lead = bytes[offset]
        let secondRange: ClosedRange<UInt8>
        let length: Int
        switch lead {
        case 0xC2...0xDF:
            length = 2
            secondRange = 0x80...0xBF
        case 0xE0:
            length = 3
            secondRange = 0xA0...0xBF
        case 0xE1...0xEC, 0xEE...0xEF:
            length = 3
            secondRange = 0x80...0xBF
        case 0xED:
            length = 3
            secondRange = 0x80...0x9F
        case 0xF0:
            length = 4
            secondRange = 0x90...0xBF
        case 0xF1...0xF3:
            length = 4
            secondRange = 0x80...0xBF
        case 0xF4:
            length = 4
            secondRange = 0x80...0x8F
        default: throw invalidUTF8()
        }
        guard offset + length <= bytes.count else { throw invalidUTF8() }
        guard secondRange.contains(bytes[offset + 1]) else { throw invalidUTF8() }
        for index in (offset + 2)..<(offset + length) where bytes[index] & 0xC0 != 0x80 {
            throw invalidUTF8()
        }
        utf8.append(contentsOf: bytes[offset..<(offset + length)])
        offset += length
    }

    private func invalidUTF8() -> JSONParseError {
        error(.invalidUTF8, at: offset, "invalid UTF-8 byte sequence; save the file as UTF-8")
    }
}
