/// Renders values inside diagnostic messages.
enum ValueText {
    /// `5` for whole numbers, `2.5` otherwise.
    static func number(_ value: Double) -> String {
        if value.rounded() == value, abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// A string in double quotes, as it would be written in JSON.
    static func quoted(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "\"": escaped += "\\\""
            case "\\": escaped += "\\\\"
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            default: escaped.append(character)
            }
        }
        return "\"\(escaped)\""
    }

    /// A JSON value written compactly for messages (`"text"`, `42`, `true`, `[...]`, `{...}`).
    static func json(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let bool): return String(bool)
        case .integer(let integer): return String(integer)
        case .number(let number): return self.number(number)
        case .string(let string): return quoted(string)
        case .array: return "[...]"
        case .object: return "{...}"
        }
    }
}
