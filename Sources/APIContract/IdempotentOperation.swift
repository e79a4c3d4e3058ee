/// The operations an app's `idempotency` section covers, named once for the runtime (which
/// claims keys on them) and the generator (which documents the header and the answers on them).
///
/// Covered are the `POST` and `PATCH` operations of generated tables and the custom endpoints
/// that opt in; `PUT` and `DELETE` are idempotent by their method already.
public enum IdempotentOperation: String, Sendable, Hashable, CaseIterable {
    /// `POST /<table>`.
    case create
    /// `PATCH /<table>/{id}`.
    case update
    /// `POST /<table>/batch`.
    case batch
    /// `POST /<table>/upsert`.
    case upsert
    /// `POST /<table>/{id}/restore`.
    case restore
    /// A custom endpoint whose schema says `"idempotency": "optional"` or `"required"`.
    case endpoint
}

/// How one covered operation treats the key header.
public enum IdempotencyRequirement: String, Sendable, Hashable, CaseIterable {
    /// The key may be sent; without it the request runs as usual.
    case optional
    /// A request without the key is refused (400).
    case required
}

/// What an app's `idempotency` section says about operations, as both sides read it.
public struct IdempotencyCoverage: Sendable, Hashable {
    /// The generated table operations that refuse a request without the key.
    public var requiredTableOperations: Set<IdempotentOperation>

    /// Creates the coverage; `requiredTableOperations` never holds `.endpoint` (each endpoint
    /// says for itself).
    public init(requiredTableOperations: Set<IdempotentOperation> = []) {
        self.requiredTableOperations = requiredTableOperations.subtracting([.endpoint])
    }

    /// The requirement of a table operation (covered operations only).
    public func requirement(of operation: IdempotentOperation) -> IdempotencyRequirement {
        requiredTableOperations.contains(operation) ? .required : .optional
    }

    /// Longest key accepted (IETF httpapi idempotency-key draft: clients use UUIDs; 255 bounds the stored key).
    public static let maxKeyLength = 255
    /// The response header of a replayed answer.
    public static let replayedHeader = "Idempotent-Replayed"
    /// The header's default name (IETF httpapi draft); `headers.idempotencyKey` renames it.
    public static let defaultKeyHeader = "Idempotency-Key"
}
