/// Reads `errors.body`: objects nest, strings name error values, `{"const": value}` is fixed.
enum ErrorBodyTemplateReader {
    /// The template at `path`; the root must be an object.
    static func read(_ value: JSONValue, at path: String, values: ValueReader) -> ErrorBodyTemplate? {
        guard case .object = value else { return values.wrongType(value, expected: "an object", at: path) }
        return template(value, at: path, values: values)
    }

    private static func template(_ value: JSONValue, at path: String, values: ValueReader) -> ErrorBodyTemplate? {
        switch value {
        case .string:
            let choice: ErrorBodyValue? = values.choice(value, at: path, named: "error body value")
            return choice.map { .value($0) }
        case .object(let members):
            if members.count == 1, members[0].key == "const" { return .constant(members[0].value) }
            var result: [ErrorBodyTemplate.Member] = []
            for member in members {
                guard let nested = template(member.value, at: JSONPath.member(member.key, of: path), values: values) else { continue }
                result.append(.init(member.key, nested))
            }
            return .object(result)
        default:
            return values.wrongType(
                value, expected: "a value name (code, message, status, title, type, requestId, fieldErrors), an object or {\"const\": value}",
                at: path)
        }
    }
}
