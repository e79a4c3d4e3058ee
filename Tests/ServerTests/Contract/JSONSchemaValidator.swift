import Foundation
import SchemaModel

/// Validates JSON values against the JSON Schema (2020-12) subset Loom's documents use: `$ref`,
/// `type` (also as an array, for nullable members), `properties`, `required`,
/// `additionalProperties`, `items`, `enum`, `const`, `format`, string and array lengths, numeric
/// bounds, `pattern`, `oneOf` / `anyOf` / `allOf` / `not`.
///
/// A keyword it does not know is itself a violation, so a document that starts using one
/// cannot make the checker pass silently.
struct JSONSchemaValidator {
    /// Resolves `$ref`s.
    let document: DocumentedAPI

    /// Keywords that only annotate a schema.
    private static let annotations: Set<String> = [
        "description", "title", "examples", "example", "default", "readOnly", "writeOnly", "deprecated", "$comment",
    ]

    /// Every violation of `schema` by `value`, each naming its JSON path (`$.items[0].name`).
    func violations(of value: JSONValue, against schema: JSONValue, at path: String = "$") -> [String] {
        switch schema {
        case .bool(true): return []
        case .bool(false): return ["\(path): no value is allowed here"]
        case .object: break
        default: return ["\(path): the schema is not an object"]
        }
        if let reference = schema["$ref"]?.string {
            guard let target = document.pointer(reference) else { return ["\(path): unresolvable $ref \(reference)"] }
            return violations(of: value, against: target, at: path)
        }
        if let types = schema["type"] {
            let names = types.string.map { [$0] } ?? types.strings
            guard names.contains(where: { Self.has(value, type: $0) }) else {
                return ["\(path): expected \(names.joined(separator: " or ")), got \(value.kindDescription)"]
            }
        }
        var found = objectViolations(of: value, schema: schema, path: path)
        for member in schema.members {
            found += check(member.key, member.value, value: value, schema: schema, path: path)
        }
        return found
    }

    /// The violations of one keyword.
    private func check(_ keyword: String, _ argument: JSONValue, value: JSONValue, schema: JSONValue, path: String) -> [String] {
        switch keyword {
        case "type", "$ref", "properties", "required", "additionalProperties": return []
        case "items":
            guard case .array(let items) = value else { return [] }
            return items.enumerated().flatMap { violations(of: $1, against: argument, at: "\(path)[\($0)]") }
        case "enum":
            let allowed = (argument.arrayItems ?? [])
            return allowed.contains(where: value.jsonEquals) ? [] : ["\(path): \(Self.show(value)) is not one of \(Self.show(argument))"]
        case "const":
            return value.jsonEquals(argument) ? [] : ["\(path): \(Self.show(value)) is not \(Self.show(argument))"]
        case "format": return format(argument.string ?? "", value: value, path: path)
        case "minLength", "maxLength": return length(keyword, argument, value: value, path: path)
        case "minItems", "maxItems": return count(keyword, argument, value: value, path: path)
        case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum": return bound(keyword, argument, value: value, path: path)
        case "pattern": return pattern(argument.string ?? "", value: value, path: path)
        case "allOf":
            return (argument.arrayItems ?? []).flatMap { violations(of: value, against: $0, at: path) }
        case "anyOf":
            // None matching: the violations of the closest schema (the fewest), which name the paths to fix.
            let results = (argument.arrayItems ?? []).map { violations(of: value, against: $0, at: path) }
            guard !results.contains(where: \.isEmpty) else { return [] }
            let closest = results.min { $0.count < $1.count } ?? []
            return closest.isEmpty ? ["\(path): anyOf lists no schema"] : closest.map { $0 + " (the closest of the anyOf schemas)" }
        case "oneOf":
            let matches = (argument.arrayItems ?? []).filter { violations(of: value, against: $0, at: path).isEmpty }.count
            return matches == 1 ? [] : ["\(path): \(Self.show(value)) matches \(matches) of the oneOf schemas, not exactly one"]
        case "not":
            return violations(of: value, against: argument, at: path).isEmpty ? ["\(path): \(Self.show(value)) matches a `not` schema"] : []
        default:
            if Self.annotations.contains(keyword) || keyword.hasPrefix("x-") { return [] }
            return ["\(path): the checker does not support the keyword `\(keyword)`; teach JSONSchemaValidator"]
        }
    }

    /// `required`, `properties` and `additionalProperties` of an object value.
    private func objectViolations(of value: JSONValue, schema: JSONValue, path: String) -> [String] {
        guard case .object(let members) = value else { return [] }
        let declared = schema["properties"] ?? .object([])
        var found: [String] = []
        for name in schema["required"]?.strings ?? [] where value[name] == nil {
            found.append("\(path): the required member `\(name)` is missing")
        }
        for member in members {
            let memberPath = "\(path).\(member.key)"
            if let property = declared[member.key] {
                found += violations(of: member.value, against: property, at: memberPath)
            } else if let additional = schema["additionalProperties"] {
                found += violations(of: member.value, against: additional, at: memberPath)
            }
        }
        return found
    }

    private func format(_ format: String, value: JSONValue, path: String) -> [String] {
        guard let text = value.string else { return [] }
        let valid: Bool
        switch format {
        case "uuid": valid = text.utf8.count == 36 && UUID(uuidString: text) != nil
        case "date-time": valid = Self.matches(text, #"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$"#)
        case "date": valid = Self.matches(text, #"^\d{4}-\d{2}-\d{2}$"#)
        case "email": valid = Self.matches(text, #"^[^@\s]+@[^@\s]+$"#)
        case "uri": valid = Self.matches(text, #"^[A-Za-z][A-Za-z0-9+.-]*:\S*$"#)
        case "uri-reference": valid = !text.contains(" ")
        default: valid = true
        }
        return valid ? [] : ["\(path): \(Self.show(value)) is not a valid \(format)"]
    }

    private func length(_ keyword: String, _ argument: JSONValue, value: JSONValue, path: String) -> [String] {
        guard let text = value.string, let limit = argument.integer else { return [] }
        let length = text.unicodeScalars.count
        let fits = keyword == "minLength" ? length >= limit : length <= limit
        return fits ? [] : ["\(path): length \(length) breaks \(keyword) \(limit)"]
    }

    private func count(_ keyword: String, _ argument: JSONValue, value: JSONValue, path: String) -> [String] {
        guard case .array(let items) = value, let limit = argument.integer else { return [] }
        let fits = keyword == "minItems" ? items.count >= limit : items.count <= limit
        return fits ? [] : ["\(path): \(items.count) items break \(keyword) \(limit)"]
    }

    private func bound(_ keyword: String, _ argument: JSONValue, value: JSONValue, path: String) -> [String] {
        guard let number = value.double, let limit = argument.double else { return [] }
        let fits: Bool
        switch keyword {
        case "minimum": fits = number >= limit
        case "maximum": fits = number <= limit
        case "exclusiveMinimum": fits = number > limit
        default: fits = number < limit
        }
        return fits ? [] : ["\(path): \(Self.show(value)) breaks \(keyword) \(Self.show(argument))"]
    }

    private func pattern(_ pattern: String, value: JSONValue, path: String) -> [String] {
        guard let text = value.string else { return [] }
        guard let expression = try? NSRegularExpression(pattern: pattern) else { return ["\(path): invalid pattern \(pattern)"] }
        let found = expression.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        return found ? [] : ["\(path): \(Self.show(value)) does not match the pattern \(pattern)"]
    }

    /// Whether `value` is of the JSON Schema type `type` (an integer is also a number).
    static func has(_ value: JSONValue, type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array), ("object", .object): return true
        case ("number", .integer), ("number", .number): return true
        case ("integer", _): return value.integer != nil
        default: return false
        }
    }

    private static func matches(_ text: String, _ pattern: String) -> Bool {
        text.range(of: pattern, options: .regularExpression) != nil
    }

    /// A short rendering of `value` for messages.
    static func show(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let text = (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "\(value)"
        return text.count > 120 ? String(text.prefix(117)) + "..." : text
    }
}

extension JSONValue {
    /// The items of an array.
    var arrayItems: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }
}
