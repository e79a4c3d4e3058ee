import APIContract
import SchemaModel

/// The `idempotency` declarations as the runtime and the document read them: the section as
/// `IdempotencySettings(...)`, and each covered operation's requirement (`IdempotencyRequirement`),
/// decided here once for the generated registration and the OpenAPI document.
enum IdempotencyTranslator {
    /// The section in effect: `nil` when it is absent or `enabled` is `false`.
    static func config(_ app: AppConfig) -> IdempotencyConfig? {
        app.idempotency.flatMap { $0.enabled ? $0 : nil }
    }

    /// `IdempotencySettings(...)` of the app, or `nil` when keys are not read.
    static func settings(_ app: AppConfig) -> String? {
        guard let config = config(app) else { return nil }
        let required = config.required.map { ".\($0.rawValue)" }.joined(separator: ", ")
        return "IdempotencySettings(retentionSeconds: \(config.retentionHours * 3600), requiredFor: [\(required)], "
            + "claimTimeoutSeconds: \(config.claimTimeoutSeconds), purgeIntervalSeconds: \(config.purgeIntervalSeconds))"
    }

    /// The runtime's name of a table operation.
    static func operation(_ operation: IdempotentTableOperation) -> IdempotentOperation {
        switch operation {
        case .create: return .create
        case .update: return .update
        case .batch: return .batch
        case .upsert: return .upsert
        case .restore: return .restore
        }
    }

    /// The requirement of a table operation, `nil` when keys are not read.
    static func requirement(of operation: IdempotentTableOperation, app: AppConfig) -> IdempotencyRequirement? {
        guard let config = config(app) else { return nil }
        return IdempotencyCoverage(requiredTableOperations: Set(config.required.map(Self.operation))).requirement(of: Self.operation(operation))
    }

    /// The requirement of an endpoint, `nil` when it takes no key.
    static func requirement(of endpoint: EndpointSchema, app: AppConfig) -> IdempotencyRequirement? {
        guard config(app) != nil, let idempotency = endpoint.idempotency else { return nil }
        switch idempotency {
        case .optional: return .optional
        case .required: return .required
        }
    }
}
