/// How one record is answered (`envelopes.record.wrap`): as the body, or wrapped in one member
/// (`{"data": {...}}`). The record's own JSON (its fields nested or not) is written by the
/// generated record type.
public struct RecordEnvelope: Sendable {
    /// The wrapping member, or `nil`.
    public let wrap: String?

    /// Wraps single-record answers in `wrap`, or not (`nil`).
    public init(wrap: String? = nil) {
        self.wrap = wrap
    }

    /// The bare record.
    public static let bare = RecordEnvelope()

    /// The bytes of `write`'s JSON, wrapped.
    func bytes(capacity: Int = 512, _ write: (inout JSONWriter) throws -> Void) rethrows -> [UInt8] {
        var writer = JSONWriter(capacity: capacity)
        if let wrap {
            writer.beginObject()
            writer.key(wrap)
        }
        try write(&writer)
        if wrap != nil { writer.endObject() }
        return writer.bytes
    }
}
