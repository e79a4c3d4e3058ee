/// Reads an `envelopes` object (of `app.json` or a table file).
enum EnvelopesReader {
    /// `envelopes` of `owner`, or `nil` (reported) when it is not an object.
    static func read(_ owner: ObjectReader) -> EnvelopesSchema? {
        guard let reader = owner.object("envelopes", keys: SchemaKeys.envelopes) else { return nil }
        var envelopes = EnvelopesSchema()
        if let record = reader.object("record", keys: SchemaKeys.recordEnvelope) {
            envelopes.record = .init(wrap: record.string("wrap"), fields: record.string("fields"))
        }
        if let list = reader.object("list", keys: SchemaKeys.listEnvelope) {
            let defaults = EnvelopesSchema.List()
            var metadata: [ListMetadata]?
            if let elements = list.array("metadata") {
                let path = list.path(of: "metadata")
                metadata = elements.enumerated().compactMap { index, element in
                    list.values.choice(element, at: JSONPath.element(index, of: path), named: "list metadata member")
                }
            }
            envelopes.list = .init(items: list.string("items") ?? defaults.items, metadata: metadata ?? defaults.metadata, nest: list.string("nest"))
        }
        if let value = reader.value("request") {
            if case .bool(false) = value {
                envelopes.request = .bare
            } else if let request = ObjectReader(value, at: reader.path(of: "request"), keys: SchemaKeys.requestEnvelope, values: reader.values) {
                envelopes.request = .init(wrap: request.string("wrap"), optional: request.bool("optional") ?? false)
            }
        }
        if let batch = reader.object("batch", keys: SchemaKeys.batchEnvelope), let items = batch.string("items"), let created = batch.string("created") {
            envelopes.batch = .init(items: items, created: created)
        }
        if let families = reader.stringArray("families") { envelopes.families = families }
        return envelopes
    }
}
