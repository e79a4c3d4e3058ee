/// Reads the members of one JSON object through its `ObjectKeys`: unknown keys are reported
/// (with a "did you mean"), missing required keys are reported, and typed getters report
/// values of the wrong kind, each at its own JSON path.
struct ObjectReader {
    /// JSON path of the object itself.
    let path: String
    /// Converter that reports problems in the object's file.
    let values: ValueReader
    private let keys: ObjectKeys
    private let members: [String: JSONValue]

    /// Starts reading `value`, or reports `wrong-type` and returns `nil` when it is not an object.
    init?(_ value: JSONValue, at path: String, keys: ObjectKeys, values: ValueReader) {
        guard let members = values.members(value, at: path) else { return nil }
        self.path = path
        self.values = values
        self.keys = keys
        self.members = Dictionary(members.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
        for member in members where !keys.accepted.contains(member.key) {
            values.diagnostics.error(
                .unknownKey, file: values.file, path: self.path(of: member.key),
                "unknown key \"\(member.key)\"; \(Suggestion.useOneOf(keys.accepted, for: member.key))")
        }
    }

    /// The JSON path of `key` inside this object.
    func path(of key: String) -> String { JSONPath.member(key, of: path) }

    /// Whether the object has `key` (whatever its value).
    func contains(_ key: String) -> Bool { members[key] != nil }

    /// The raw value of `key`; a missing required key is reported as needing `kind`.
    func value(_ key: String, kind: String = "a value") -> JSONValue? {
        precondition(keys.accepted.contains(key), "read key \"\(key)\" is missing from its ObjectKeys")
        guard let value = members[key] else {
            if keys.required.contains(key) { reportMissing(key, kind: kind) }
            return nil
        }
        return value
    }

    /// Reports that required `key` is absent.
    func reportMissing(_ key: String, kind: String) {
        values.diagnostics.error(
            .missingKey, file: values.file, path: path(of: key),
            "missing required key \"\(key)\"; add it here as \(kind)")
    }

    /// Reads a string member.
    func string(_ key: String) -> String? {
        value(key, kind: "a string").flatMap { values.string($0, at: path(of: key)) }
    }

    /// Reads a boolean member.
    func bool(_ key: String) -> Bool? {
        value(key, kind: "a boolean").flatMap { values.bool($0, at: path(of: key)) }
    }

    /// Reads an integer member.
    func integer(_ key: String) -> Int? {
        value(key, kind: "an integer").flatMap { values.integer($0, at: path(of: key)) }
    }

    /// Reads a number member (integers are accepted).
    func number(_ key: String) -> Double? {
        value(key, kind: "a number").flatMap { values.number($0, at: path(of: key)) }
    }

    /// Reads an array member.
    func array(_ key: String) -> [JSONValue]? {
        value(key, kind: "an array").flatMap { values.array($0, at: path(of: key)) }
    }

    /// Reads an array-of-strings member.
    func stringArray(_ key: String) -> [String]? {
        value(key, kind: "an array of strings").flatMap { values.stringArray($0, at: path(of: key)) }
    }

    /// Reads an object member as its ordered members (a `fields`-style map).
    func members(_ key: String) -> [JSONMember]? {
        value(key, kind: "an object").flatMap { values.members($0, at: path(of: key)) }
    }

    /// Reads a member that is one word out of a closed set.
    func choice<Choice: RawRepresentable & CaseIterable>(_ key: String, named what: String) -> Choice?
    where Choice.RawValue == String {
        value(key, kind: "a string").flatMap { values.choice($0, at: path(of: key), named: what) }
    }

    /// Starts reading an object member with its own key list.
    func object(_ key: String, keys: ObjectKeys) -> ObjectReader? {
        value(key, kind: "an object").flatMap { ObjectReader($0, at: path(of: key), keys: keys, values: values) }
    }
}
