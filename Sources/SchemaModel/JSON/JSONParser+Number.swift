extension JSONParser {
    /// Parses `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    ///
    /// A number without fraction or exponent that fits in 64 bits becomes `.integer`, so that
    /// integer defaults and limits keep their exact value; anything else becomes `.number`.
    mutating func parseNumber() throws(JSONParseError) -> JSONValue {
        let start = offset
        if current == ASCII.minus { offset += 1 }
        guard let first = current, ASCII.isDigit(first) else {
            throw unexpected(.invalidNumber, expected: "a digit after '-'")
        }
        offset += 1
        if first == ASCII.zero, let next = current, ASCII.isDigit(next) {
            throw error(.invalidNumber, at: start, "numbers cannot have leading zeros; remove them")
        }
        skipDigits()
        var isInteger = true
        if current == ASCII.dot {
            isInteger = false
            offset += 1
            try requireDigit(after: "'.'")
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            isInteger = false
            offset += 1
            if current == ASCII.plus || current == ASCII.minus { offset += 1 }
            try requireDigit(after: "the exponent marker 'e'")
        }
        let text = String(decoding: bytes[start..<offset], as: UTF8.self)
        if isInteger, let integer = Int64(text) { return .integer(integer) }
        guard let number = Double(text), number.isFinite else {
            throw error(.numberOutOfRange, at: start, "number \(text) is too large to represent; use a smaller value")
        }
        return .number(number)
    }

    private mutating func skipDigits() {
        while let byte = current, ASCII.isDigit(byte) { offset += 1 }
    }

    private mutating func requireDigit(after what: String) throws(JSONParseError) {
        guard let byte = current, ASCII.isDigit(byte) else {
            throw unexpected(.invalidNumber, expected: "a digit after \(what)")
        }
        skipDigits()
    }
}
