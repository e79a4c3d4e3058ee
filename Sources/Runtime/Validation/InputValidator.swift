import APIContract
import Foundation
import ValueFormats

/// Validates request input against generated `FieldRule`s, collecting every problem so one
/// 422 names every invalid field.
public struct InputValidator {
    /// What the input is for, which decides how absent and read-only fields are treated.
    public enum Mode: Sendable {
        /// POST: required fields must be present; absent fields take their default.
        case create
        /// PUT: like create, for every writable field.
        case replace
        /// PATCH: every field is optional; absent fields stay as they are.
        case patch
        /// A custom endpoint body: required fields must be present, defaults apply, no read-only fields.
        case body
    }

    private var errors: [APIError.FieldError] = []
    /// Whether read-only fields may be set (server code writing through a `TableStore`).
    private var allowsReadOnly = false

    /// Validates a JSON request body that must be an object, throwing 422 with every problem.
    /// `allowsReadOnly` lets the server set read-only fields (clients never may). With
    /// `clearList` (a partial update: a table's `PATCH`, or a contract body declared `partial`),
    /// the member `clear` names nullable fields to set to `null` (`ClearList`).
    public static func validate(
        body: JSONInput, rules: [FieldRule], mode: Mode, allowsReadOnly: Bool = false, clearList: Bool = false
    ) throws(APIError) -> ValidatedObject {
        guard case .object(var members) = body else {
            throw APIError.validation([.init(field: "body", message: "must be a JSON object (got \(body.kindDescription))")])
        }
        var validator = InputValidator()
        validator.allowsReadOnly = allowsReadOnly
        let takesClear = clearList && mode == .patch && members[ClearList.member] != nil && !ClearList.fields(of: rules).isEmpty
        let clear = takesClear ? members.removeValue(forKey: ClearList.member) : nil
        var result = validator.object(members, rules: rules, mode: mode, prefix: "")
        if let clear { validator.clear(clear, in: &result, rules: rules, sent: members) }
        guard validator.errors.isEmpty else { throw APIError.validation(validator.errors) }
        return result
    }

    /// Sets the fields `clear` names to `null`: each must be a nullable field the client may
    /// write, named once and not also sent (422 naming `clear[i]` otherwise).
    private mutating func clear(_ clear: JSONInput, in result: inout ValidatedObject, rules: [FieldRule], sent: [String: JSONInput]) {
        guard case .array(let names) = clear else {
            return fail(ClearList.member, "must be an array of field names (got \(clear.kindDescription))")
        }
        var seen = Set<String>()
        for (position, entry) in names.enumerated() {
            let field = "\(ClearList.member)[\(position)]"
            guard case .string(let name) = entry else {
                fail(field, "must be a field name (got \(entry.kindDescription))")
                continue
            }
            guard let index = rules.firstIndex(where: { $0.name == name }), ClearList.clearable(rules[index]) else {
                fail(field, "is not a field that can be cleared; clearable fields: " + ClearList.fields(of: rules).joined(separator: ", "))
                continue
            }
            guard seen.insert(name).inserted else {
                fail(field, "names \(name) twice")
                continue
            }
            guard sent[name] == nil else {
                fail(field, "names \(name), which the body also sets")
                continue
            }
            result.values[index] = .null
        }
    }

    /// Validates a single value already known to be present (query and path parameters use this
    /// after converting their text); returns the field errors instead of throwing.
    static func validate(value: JSONInput, rule: FieldRule, field: String) -> Result<InputValue, APIError.FieldError> {
        var validator = InputValidator()
        let value = validator.value(value, rule: rule, field: field)
        if let first = validator.errors.first { return .failure(first) }
        return .success(value ?? .null)
    }

    private mutating func object(
        _ members: [String: JSONInput], rules: [FieldRule], mode: Mode, prefix: String
    ) -> ValidatedObject {
        var values = [InputValue?](repeating: nil, count: rules.count)
        var known = 0
        for (index, rule) in rules.enumerated() {
            let field = prefix + rule.name
            guard let member = members[rule.name] else {
                values[index] = absent(rule, mode: mode, field: field)
                continue
            }
            known += 1
            if rule.readOnly, !allowsReadOnly {
                fail(field, "is read-only: the server sets it")
                continue
            }
            values[index] = value(member, rule: rule, field: field)
        }
        if known < members.count {
            let names = Set(rules.map(\.name))
            let allowed = rules.filter { !$0.readOnly }.map(\.name).joined(separator: ", ")
            for key in members.keys.sorted() where !names.contains(key) {
                fail(prefix + key, "is not a field of this resource; allowed fields: \(allowed)")
            }
        }
        return ValidatedObject(values: values)
    }

    private mutating func absent(_ rule: FieldRule, mode: Mode, field: String) -> InputValue? {
        switch mode {
        case .patch:
            return nil
        case .create, .replace, .body:
            if rule.required, !rule.readOnly {
                fail(field, "is required")
                return nil
            }
            return rule.defaultValue ?? .null
        }
    }

    private mutating func fail(_ field: String, _ message: String) {
        errors.append(.init(field: field, message: message))
    }

    private mutating func value(_ input: JSONInput, rule: FieldRule, field: String) -> InputValue? {
        if case .null = input {
            guard rule.nullable else {
                fail(field, "must not be null")
                return nil
            }
            return .null
        }
        switch rule.kind {
        case .string(let pattern):
            guard let text = string(input, field: field, rule: rule) else { return nil }
            if let pattern, !pattern.matches(text) {
                fail(field, "must match the pattern \(pattern.source)")
                return nil
            }
            return .string(text)
        case .text:
            return string(input, field: field, rule: rule).map(InputValue.string)
        case .email:
            return formatted(input, field: field, rule: rule, check: ValueFormats.isEmail, expected: "an email address")
        case .url:
            return formatted(input, field: field, rule: rule, check: ValueFormats.isHTTPURL, expected: "an absolute http or https URL")
        case .integer:
            return integer(input, field: field, rule: rule).map(InputValue.integer)
        case .number:
            return number(input, field: field, rule: rule)
        case .boolean:
            guard case .bool(let bool) = input else { return mismatch(field, "a boolean", input) }
            return .bool(bool)
        case .datetime:
            guard case .string(let text) = input, let date = TimestampFormat.parseTimestamp(text) else {
                return mismatch(field, "an ISO-8601 date-time with time zone, e.g. 2024-01-31T12:00:00Z", input)
            }
            return .timestamp(date)
        case .date:
            guard case .string(let text) = input, ValueFormats.isDate(text) else {
                return mismatch(field, "a date in the form YYYY-MM-DD", input)
            }
            return .date(text)
        case .uuid, .relation(.uuid):
            guard case .string(let text) = input, ValueFormats.isUUID(text), let uuid = ValueFormats.uuid(text) else {
                return mismatch(field, "a UUID", input)
            }
            return .uuid(uuid)
        case .prefixedUUID(let prefix):
            guard case .string(let text) = input, let uuid = ResourceIDs.uuid(prefixed: text, prefix: prefix) else {
                return mismatch(field, "an id starting with \(prefix) followed by \(Base62ID.length) letters and digits", input)
            }
            return .uuid(uuid)
        case .relation(.integer):
            return integer(input, field: field, rule: rule).map(InputValue.integer)
        case .relation(.prefixed(let prefix)):
            guard case .string(let text) = input, PrefixedKey.isValid(text, prefix: prefix) else {
                return mismatch(field, "an id starting with \(prefix) followed by \(PrefixedKey.length) letters and digits", input)
            }
            return .string(text)
        case .enumeration(let allowed):
            guard case .string(let text) = input, allowed.contains(text) else {
                return mismatch(field, "one of " + allowed.joined(separator: ", "), input)
            }
            return .string(text)
        case .json:
            guard !input.containsNUL else {
                fail(field, Self.nulMessage)
                return nil
            }
            return .json(RawJSON(validatedText: input.canonicalText))
        case .array(let itemRule):
            return array(input, itemRule: itemRule, field: field, rule: rule)
        case .object(let rules):
            guard case .object(let members) = input else { return mismatch(field, "an object", input) }
            return .object(object(members, rules: rules, mode: .body, prefix: field + "."))
        }
    }

    /// PostgreSQL cannot store U+0000 in `TEXT` or `JSONB` while SQLite can, so both engines
    /// refuse it at the door: the same 422 on either, never a database error.
    static let nulMessage = "must not contain the NUL character (U+0000)"

    private mutating func mismatch(_ field: String, _ expected: String, _ input: JSONInput) -> InputValue? {
        fail(field, "must be \(expected) (got \(describe(input)))")
        return nil
    }

    private func describe(_ input: JSONInput) -> String {
        if case .string(let text) = input {
            let shown = text.count > 40 ? String(text.prefix(40)) + "..." : text
            return "\"\(shown)\""
        }
        return input.kindDescription
    }

    private mutating func string(_ input: JSONInput, field: String, rule: FieldRule) -> String? {
        guard case .string(let text) = input else {
            _ = mismatch(field, "a string", input)
            return nil
        }
        guard !text.containsNUL else {
            fail(field, Self.nulMessage)
            return nil
        }
        let length = text.unicodeScalars.count
        if let minimum = rule.minLength, length < minimum {
            fail(field, "must be at least \(minimum) characters long")
            return nil
        }
        if let maximum = rule.maxLength, length > maximum {
            fail(field, "must be at most \(maximum) characters long")
            return nil
        }
        return text
    }

    private mutating func formatted(
        _ input: JSONInput, field: String, rule: FieldRule, check: (String) -> Bool, expected: String
    ) -> InputValue? {
        guard case .string(let text) = input else { return mismatch(field, expected, input) }
        guard check(text) else { return mismatch(field, expected, input) }
        return string(input, field: field, rule: rule).map(InputValue.string)
    }

    private mutating func integer(_ input: JSONInput, field: String, rule: FieldRule) -> Int64? {
        guard let value = input.integerValue else {
            _ = mismatch(field, "an integer", input)
            return nil
        }
        guard inBounds(Double(value), field: field, rule: rule) else { return nil }
        return value
    }

    private mutating func number(_ input: JSONInput, field: String, rule: FieldRule) -> InputValue? {
        let value: Double
        switch input {
        case .integer(let integer): value = Double(integer)
        case .number(let number): value = number
        default: return mismatch(field, "a number", input)
        }
        guard inBounds(value, field: field, rule: rule) else { return nil }
        return .number(value)
    }

    private mutating func inBounds(_ value: Double, field: String, rule: FieldRule) -> Bool {
        if let minimum = rule.minimum, value < minimum {
            fail(field, "must be at least \(Self.format(minimum))")
            return false
        }
        if let maximum = rule.maximum, value > maximum {
            fail(field, "must be at most \(Self.format(maximum))")
            return false
        }
        return true
    }

    private mutating func array(_ input: JSONInput, itemRule: FieldRule, field: String, rule: FieldRule) -> InputValue? {
        guard case .array(let elements) = input else { return mismatch(field, "an array", input) }
        if let minimum = rule.minLength, elements.count < minimum {
            fail(field, "must hold at least \(minimum) items")
            return nil
        }
        if let maximum = rule.maxLength, elements.count > maximum {
            fail(field, "must hold at most \(maximum) items")
            return nil
        }
        var values: [InputValue] = []
        values.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            if let value = value(element, rule: itemRule, field: "\(field)[\(index)]") { values.append(value) }
        }
        return .array(values)
    }

    static func format(_ number: Double) -> String {
        number.rounded() == number && abs(number) < 1e15 ? String(Int64(number)) : String(number)
    }
}
