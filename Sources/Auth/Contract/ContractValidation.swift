import APIContract
import Runtime

/// Validates auth and platform request bodies against their contract declarations, with the
/// rules compiled once at start-up (patterns included).
struct ContractValidation: Sendable {
    private let rules: [String: [FieldRule]]
    /// Bodies a route declares optional (`requestOptional`): a request without one takes the defaults.
    private let optional: Set<String>

    /// Compiles the rules of every body the app's auth and platform routes take.
    init(options: AuthContractOptions) {
        let auth = AuthContract(options: options).routes
        let platform = PlatformContract(options: options).routes
        self.init(
            bodies: auth.compactMap(\.request) + platform.compactMap(\.request),
            optional: auth.filter(\.requestOptional).compactMap(\.request?.name) + platform.filter(\.requestOptional).compactMap(\.request?.name))
    }

    /// Compiles the rules of `bodies`; those named in `optional` may be left out.
    init(bodies: [ContractBody], optional: [String] = []) {
        var rules: [String: [FieldRule]] = [:]
        for body in bodies { rules[body.name] = body.fields.map(FieldRule.init(contract:)) }
        self.rules = rules
        self.optional = Set(optional)
    }

    /// Whether a request may leave `body` out.
    func isOptional(_ body: ContractBody) -> Bool { optional.contains(body.name) }

    /// `json` validated as `body`: 422 naming every invalid member.
    func validate(_ json: JSONInput, as body: ContractBody) throws(APIError) -> ContractInput {
        // A body no route of this app takes (a key body in an app without keys) is compiled on use.
        let rules = self.rules[body.name] ?? body.fields.map(FieldRule.init(contract:))
        return ContractInput(values: try InputValidator.validate(body: json, rules: rules, mode: .body), body: body)
    }
}
