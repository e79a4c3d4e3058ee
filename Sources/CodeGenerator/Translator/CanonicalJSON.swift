import SchemaModel

/// Compact JSON with sorted keys, the same text the runtime stores for `json` fields.
enum CanonicalJSON {
    static func text(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let bool): return bool ? "true" : "false"
        case .integer(let integer): return String(integer)
        case .number(let number):
            if number == number.rounded(), abs(number) < 1e15 { return String(Int64(number)) }
            return "\(number)"
        case .string(let text): return quote(text)
        case .array(let elements): return "[" + elements.map(text).joined(separator: ",") + "]"
        case .object(let members):
            let sorted = members.sorted { $0.key < $1.key }
            return "{" + sorted.map { quote($0.key) + ":" + text($0.value) }.joined(separator: ",") + "}"
        }
    }

    static func quote(_ string: String) -> String {
        var result = "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}

/// Normalises schema-authored timestamps to the stored form `YYYY-MM-DDTHH:MM:SS.sssZ`.
enum TimestampText {
    static func normalize(_ text: String) -> String? {
        guard text.hasSuffix("Z"), text.count >= 20 else { return nil }
        let base = String(text.prefix(19))
        var fraction = String(text.dropFirst(19).dropLast())
        if fraction.hasPrefix(".") { fraction.removeFirst() }
        fraction = String((fraction + "000").prefix(3))
        return base + "." + fraction + "Z"
    }
}
