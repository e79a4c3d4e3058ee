import Foundation
import ValueFormats

/// Checks that a field's `default` and `example` are values the field accepts: the right
/// JSON kind, a valid format, inside its bounds, and null only when nullable.
enum FieldValueRules {
    /// Checks `default` and `example` of `field`.
    static func check(_ field: FieldSchema, _ context: FieldContext) {
        // A relation's default is rejected outright by the relation rules.
        if let value = field.defaultValue, field.type != .relation,
            let problem = problem(with: value, for: field, context.app)
        {
            context.error(.invalidDefault, at: "default", "\"default\" does not fit the field: \(problem)")
        }
        if let value = field.example, let problem = problem(with: value, for: field, context.app) {
            context.error(.invalidExample, at: "example", "\"example\" does not fit the field: \(problem)")
        }
    }

    /// Why `value` is not acceptable for `field`, or `nil` when it is.
    static func problem(with value: JSONValue, for field: FieldSchema, _ app: AppSchema) -> String? {
        if case .null = value {
            return field.nullable ? nil : "null is only allowed when the field has \"nullable\": true"
        }
        switch field.type {
        case .json:
            return nil
        case .boolean:
            if case .bool = value { return nil }
            return expected("true or false", found: value)
        case .integer:
            guard case .integer(let integer) = value else { return expected("an integer", found: value) }
            return boundsProblem(Double(integer), field)
        case .number:
            switch value {
            case .integer(let integer): return boundsProblem(Double(integer), field)
            case .number(let number): return boundsProblem(number, field)
            default: return expected("a number", found: value)
            }
        case .string, .text, .email, .url, .uuid, .date, .datetime, .enum:
            guard case .string(let string) = value else { return expected("a string", found: value) }
            return stringProblem(string, field)
        case .relation:
            return relationProblem(value, field, app)
        case .array:
            return arrayProblem(value, field, app)
        case .object:
            return objectProblem(value, field, app)
        }
    }

    private static func expected(_ kind: String, found value: JSONValue) -> String {
        "expected \(kind), found \(value.kindDescription) \(ValueText.json(value))"
    }

    private static func boundsProblem(_ number: Double, _ field: FieldSchema) -> String? {
        if let minimum = field.minimum, number < minimum {
            return "\(ValueText.number(number)) is less than \"min\" \(ValueText.number(minimum))"
        }
        if let maximum = field.maximum, number > maximum {
            return "\(ValueText.number(number)) is greater than \"max\" \(ValueText.number(maximum))"
        }
        return nil
    }

    private static func stringProblem(_ string: String, _ field: FieldSchema) -> String? {
        let quoted = ValueText.quoted(string)
        if let formatProblem = FormatProblems.problem(with: string, for: field.type) {
            return "\(quoted) \(formatProblem)"
        }
        if field.type == .enum, let values = field.values, !values.contains(string) {
            return "\(quoted) is not one of the enum values; \(Suggestion.useOneOf(values, for: string))"
        }
        if FieldConstraintRules.lengthTypes.contains(field.type) {
            let length = string.count
            if let minLength = field.minLength, length < minLength {
                return "\(quoted) is \(length) characters long, shorter than \"minLength\" \(minLength)"
            }
            if let maxLength = field.maxLength, length > maxLength {
                return "\(quoted) is \(length) characters long, longer than \"maxLength\" \(maxLength)"
            }
        }
        if field.type == .string, let pattern = field.pattern,
            let compiled = try? SchemaPattern(pattern), !compiled.matches(string)
        {
            return "\(quoted) does not match \"pattern\" \(ValueText.quoted(pattern))"
        }
        return nil
    }

    private static func relationProblem(_ value: JSONValue, _ field: FieldSchema, _ app: AppSchema) -> String? {
        switch RelationRules.targetKeyType(of: field, in: app) {
        case .uuid:
            guard case .string(let string) = value else { return expected("a UUID string", found: value) }
            return FormatProblems.problem(with: string, for: .uuid).map { "\(ValueText.quoted(string)) \($0)" }
        case .integer:
            if case .integer = value { return nil }
            return expected("an integer row id", found: value)
        case .prefixed:
            guard case .string = value else { return expected("a prefixed id string", found: value) }
            return nil
        case nil:
            return nil
        }
    }

    private static func arrayProblem(_ value: JSONValue, _ field: FieldSchema, _ app: AppSchema) -> String? {
        guard case .array(let elements) = value else { return expected("an array", found: value) }
        guard let items = field.items?.value else { return nil }
        for (index, element) in elements.enumerated() {
            if let problem = problem(with: element, for: items, app) { return "element \(index): \(problem)" }
        }
        return nil
    }

    private static func objectProblem(_ value: JSONValue, _ field: FieldSchema, _ app: AppSchema) -> String? {
        guard case .object(let members) = value else { return expected("an object", found: value) }
        guard let fields = field.fields else { return nil }
        for member in members {
            guard let memberField = fields.first(where: { $0.name == member.key }) else {
                return "unknown member \(ValueText.quoted(member.key)); "
                    + Suggestion.useOneOf(fields.map(\.name), for: member.key)
            }
            if let problem = problem(with: member.value, for: memberField, app) {
                return "member \(ValueText.quoted(member.key)): \(problem)"
            }
        }
        let present = Set(members.map(\.key))
        if let missing = fields.first(where: { $0.required && !present.contains($0.name) }) {
            return "required member \(ValueText.quoted(missing.name)) is missing"
        }
        return nil
    }
}
