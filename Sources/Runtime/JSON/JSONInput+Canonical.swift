extension JSONInput {
    /// Canonical compact JSON text of the value (object keys sorted), used to store `json` fields.
    public var canonicalText: String {
        var writer = JSONWriter()
        writer.value(self)
        return writer.string
    }
}
