import Hummingbird
import HummingbirdCore

/// Converts path and query parameter text into validated values using the same `FieldRule`s
/// as bodies, so a parameter and a body field of one type accept exactly the same values.
public enum ParameterDecoder {
    /// Converts one parameter's text.
    public static func value(text: String, rule: FieldRule, field: String) -> Result<InputValue, APIError.FieldError> {
        let input: JSONInput
        switch rule.kind {
        case .integer, .relation(.integer):
            guard let integer = Int64(text) else {
                return .failure(.init(field: field, message: "must be an integer (got \"\(text.prefix(40))\")"))
            }
            input = .integer(integer)
        case .number:
            guard let number = Double(text), number.isFinite else {
                return .failure(.init(field: field, message: "must be a number (got \"\(text.prefix(40))\")"))
            }
            input = .number(number)
        case .boolean:
            switch text {
            case "true": input = .bool(true)
            case "false": input = .bool(false)
            default: return .failure(.init(field: field, message: "must be true or false (got \"\(text.prefix(40))\")"))
            }
        default:
            input = .string(text)
        }
        return InputValidator.validate(value: input, rule: rule, field: field)
    }

    /// Reads a parameters object (path and query) for a custom endpoint, throwing 400 with every problem.
    /// Path parameters come first in `rules`, then query parameters.
    public static func parameters(
        path: (String) -> String?, query: URI, pathRules: [FieldRule], queryRules: [FieldRule]
    ) throws(APIError) -> ValidatedObject {
        var values: [InputValue?] = []
        var errors: [APIError.FieldError] = []
        for rule in pathRules {
            switch value(text: path(rule.name) ?? "", rule: rule, field: rule.name) {
            case .success(let value): values.append(value)
            case .failure(let error):
                errors.append(error)
                values.append(nil)
            }
        }
        let queryString = try QueryString(query)
        let known = Set(queryRules.map(\.name))
        for (key, _) in queryString.parameters where !known.contains(key) {
            let allowed = queryRules.map(\.name).joined(separator: ", ")
            errors.append(.init(field: key, message: "is not a query parameter of this operation; allowed: \(allowed.isEmpty ? "none" : allowed)"))
        }
        for rule in queryRules {
            guard let text = queryString[rule.name] else {
                if rule.required { errors.append(.init(field: rule.name, message: "is required")) }
                values.append(rule.defaultValue)
                continue
            }
            switch value(text: text, rule: rule, field: rule.name) {
            case .success(let value): values.append(value)
            case .failure(let error):
                errors.append(error)
                values.append(nil)
            }
        }
        guard errors.isEmpty else {
            throw APIError.invalidParameters(errors, in: "request")
        }
        return ValidatedObject(values: values)
    }
}
