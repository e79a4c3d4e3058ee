import APIContract
import Runtime

extension ContractValidation {
    /// Compiles the rules of every body the app's auth and platform routes take (the key update,
    /// `PATCH /api-keys/{id}`, is declared a partial update).
    init(options: AuthContractOptions) {
        let auth = AuthContract(options: options).routes
        let platform = PlatformContract(options: options).routes
        self.init(
            bodies: auth.compactMap(\.request) + platform.compactMap(\.request),
            optional: auth.filter(\.requestOptional).compactMap(\.request?.name) + platform.filter(\.requestOptional).compactMap(\.request?.name))
    }
}
