import APIContract
import Runtime

/// Validates auth and platform request bodies against their contract declarations, with the
/// rules compiled once at start-up (patterns included).
struct ContractValidation: Sendable {
    private let rules: [String: [FieldRule]]

    /// Compiles the rules of every body the app's auth and platform routes take.
    init(options: AuthContractOptions) {
        self.init(
            bodies: AuthContract(options: options).routes.compactMap(\.request)
                + PlatformContract(options: options).routes.compactMap(\.request))
    }

    /// Compiles the rules of `bodies`.
    init(bodies: [ContractBody]) {
        var rules: [String: [FieldRule]] = [:]
        for body in bodies { rules[body.name] = body.fields.map(FieldRule.init(contract:)) }
        self.rules = rules
    }

    /// `json` validated as `body`: 422 naming every invalid member.
    func validate(_ json: JSONInput, as body: ContractBody) throws(APIError) -> ContractInput {
        // A body no route of this app takes (a key body in an app without keys) is compiled on use.
        let rules = self.rules[body.name] ?? body.fields.map(FieldRule.init(contract:))
        return ContractInput(values: try InputValidator.validate(body: json, rules: rules, mode: .body), body: body)
    }
}
