import SchemaModel

/// What a table event reports, in one place for the generated settings and the OpenAPI
/// document's `webhooks` object.
enum WebhookEventText {
    /// The description of `<table>.<operation>`.
    static func description(_ table: String, _ operation: WebhookTableOperation) -> String {
        switch operation {
        case .created: return "A record of \(table) was created; `data` is the record."
        case .updated:
            return "A record of \(table) was changed; `data` is the record after the change, `previous` the earlier values of the changed members."
        case .deleted: return "A record of \(table) was deleted; `data` is the record as it was."
        case .restored: return "A deleted record of \(table) was restored; `data` is the record."
        }
    }
}
