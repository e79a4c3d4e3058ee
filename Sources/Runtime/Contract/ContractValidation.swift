import APIContract

/// Validates the request bodies of contract families (auth, platform, webhook management) against their contract declarations, with the
/// rules compiled once at start-up (patterns included).
public struct ContractValidation: Sendable {
    private let rules: [String: [FieldRule]]
    /// Bodies a route declares optional (`requestOptional`): a request without one takes the defaults.
    private let optional: Set<String>

    /// Compiles the rules of `bodies`; those named in `optional` may be left out. A body declared
    /// `partial` is a partial update: no member is required, a member left out stays absent
    /// (`ContractInput.isPresent` is false) instead of taking its default or `null`, so "keep it"
    /// differs from "clear it", and `clear` names nullable members to set to `null` (`ClearList`).
    public init(bodies: [ContractBody], optional: [String] = []) {
        var rules: [String: [FieldRule]] = [:]
        for body in bodies { rules[body.name] = body.fields.map(FieldRule.init(contract:)) }
        self.rules = rules
        self.optional = Set(optional)
    }

    /// Whether a request may leave `body` out.
    public func isOptional(_ body: ContractBody) -> Bool { optional.contains(body.name) }

    /// `json` validated as `body`: 422 naming every invalid member.
    public func validate(_ json: JSONInput, as body: ContractBody) throws(APIError) -> ContractInput {
        // A body no route of this app takes (a key body in an app without keys) is compiled on use.
        let rules = self.rules[body.name] ?? body.fields.map(FieldRule.init(contract:))
        let mode: InputValidator.Mode = body.partial ? .patch : .body
        return ContractInput(values: try InputValidator.validate(body: json, rules: rules, mode: mode, clearList: body.partial), body: body)
    }
}
