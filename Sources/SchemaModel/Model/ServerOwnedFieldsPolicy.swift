/// What a table does with server-owned members (the key, `created_at`, `updated_at`,
/// `deleted_at` and `readOnly` fields) that a client sends in a write body.
public enum ServerOwnedFieldsPolicy: String, Codable, Sendable, CaseIterable, Hashable {
    /// 422 naming each one (the default): a client learns at once that the value has no effect.
    case reject
    /// Dropped before validation, so a client can send back a record exactly as it read it.
    case ignore
}
