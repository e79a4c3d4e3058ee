/// Converts JSON values to typed values, reporting a `wrong-type` or `unknown-value`
/// diagnostic at the value's path when the conversion fails.
struct ValueReader {
    /// File the values come from.
    let file: String
    /// Where problems are reported.
    let diagnostics: DiagnosticCollector

    /// Reads a string.
    func string(_ value: JSONValue, at path: String) -> String? {
        if case .string(let string) = value { return string }
        return wrongType(value, expected: "a string", at: path)
    }

    /// Reads `true` or `false`.
    func bool(_ value: JSONValue, at path: String) -> Bool? {
        if case .bool(let bool) = value { return bool }
        return wrongType(value, expected: "a boolean (true or false)", at: path, unquoted: { $0.isBool })
    }

    /// Reads a whole number written without fraction or exponent.
    func integer(_ value: JSONValue, at path: String) -> Int? {
        if case .integer(let integer) = value, let result = Int(exactly: integer) { return result }
        return wrongType(value, expected: "an integer", at: path, unquoted: { $0.isInteger })
    }

    /// Reads any number.
    func number(_ value: JSONValue, at path: String) -> Double? {
        switch value {
        case .integer(let integer): return Double(integer)
        case .number(let number): return number
        default: return wrongType(value, expected: "a number", at: path, unquoted: { $0.isInteger || $0.isNumber })
        }
    }

    /// Reads an array.
    func array(_ value: JSONValue, at path: String) -> [JSONValue]? {
        if case .array(let elements) = value { return elements }
        return wrongType(value, expected: "an array", at: path)
    }

    /// Reads an object's members in source order.
    func members(_ value: JSONValue, at path: String) -> [JSONMember]? {
        if case .object(let members) = value { return members }
        return wrongType(value, expected: "an object", at: path)
    }

    /// Reads an array of strings; every bad element is reported at its own path.
    func stringArray(_ value: JSONValue, at path: String) -> [String]? {
        guard let elements = array(value, at: path) else { return nil }
        var strings: [String] = []
        for (index, element) in elements.enumerated() {
            if let string = string(element, at: JSONPath.element(index, of: path)) { strings.append(string) }
        }
        return strings.count == elements.count ? strings : nil
    }

    /// Reads one word out of a closed set (a field type, an HTTP method, ...), suggesting the
    /// closest allowed word on a typo.
    func choice<Choice: RawRepresentable & CaseIterable>(
        _ value: JSONValue, at path: String, named what: String
    ) -> Choice? where Choice.RawValue == String {
        guard let raw = string(value, at: path) else { return nil }
        if let choice = Choice(rawValue: raw) { return choice }
        let allowed = Choice.allCases.map(\.rawValue)
        diagnostics.error(
            .unknownValue, file: file, path: path,
            "unknown \(what) \"\(raw)\"; \(Suggestion.useOneOf(allowed, for: raw))")
        return nil
    }

    /// Reports that `value` is not of the expected kind; always returns `nil` for chaining.
    ///
    /// When a string holds what would be valid without quotes (`"true"`, `"42"`), the message
    /// says to remove them, the most common cause of this error.
    @discardableResult
    func wrongType<Result>(
        _ value: JSONValue, expected: String, at path: String, unquoted fits: (JSONValue) -> Bool = { _ in false }
    ) -> Result? {
        var message = "expected \(expected), found \(value.kindDescription)"
        if case .string(let text) = value, let parsed = try? JSONParser.parse(text), fits(parsed) {
            message += "; remove the quotes around \(text)"
        }
        diagnostics.error(.wrongType, file: file, path: path, message)
        return nil
    }
}

extension JSONValue {
    fileprivate var isBool: Bool { if case .bool = self { true } else { false } }
    fileprivate var isInteger: Bool { if case .integer = self { true } else { false } }
    fileprivate var isNumber: Bool { if case .number = self { true } else { false } }
}
