import APIContract
import Foundation
import ValueFormats

extension ResourceIDs {
    /// The id of a `kind` resource as the app writes it: the UUID (lower case), or the kind's
    /// prefix and the UUID's 128 bits in base 62.
    public func text(_ id: UUID, _ kind: ResourceKind) -> String {
        guard let prefix = prefix(kind) else { return ValueFormats.lowercaseText(of: id) }
        let (high, low) = id.halves
        return Base62ID.encode(high: high, low: low, prefix: prefix)
    }

    /// `text(_:_:)` of an id held as UUID text (an `Identity`'s members); text that is not a UUID
    /// is returned as it is.
    public func text(uuidString: String, _ kind: ResourceKind) -> String {
        guard prefix(kind) != nil, let id = ValueFormats.uuid(uuidString) else { return uuidString }
        return text(id, kind)
    }

    /// The UUID a `kind` id names, or `nil` when `text` is not an id of that kind in the app's
    /// format (a UUID where the app writes prefixed ids is refused, and the other way round).
    ///
    /// The format (and the document's pattern) admits 22 base-62 digits; the few such texts past
    /// 128 bits are well-formed ids that name nothing, so they become `unassigned`, which no row
    /// has: a lookup answers 404 like for any unknown id, rather than 400 for a documented form.
    public func uuid(_ text: String, _ kind: ResourceKind) -> UUID? {
        guard let prefix = prefix(kind) else { return ValueFormats.uuid(text) }
        return Self.uuid(prefixed: text, prefix: prefix)
    }

    /// The UUID of a prefixed id with `prefix`: `nil` when malformed, `unassigned` past 128 bits.
    public static func uuid(prefixed text: String, prefix: String) -> UUID? {
        guard Base62ID.isValid(text, prefix: prefix) else { return nil }
        return Base62ID.decode(text, prefix: prefix).map(UUID.init(halves:)) ?? unassigned
    }

    /// The all-zero UUID: never a version-4 UUID, so never an auth row's id.
    public static let unassigned = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))

    /// Whether `text` is a `kind` id in the app's format.
    public func isValid(_ text: String, _ kind: ResourceKind) -> Bool { uuid(text, kind) != nil }
}

extension UUID {
    /// The 128 bits as two 64-bit halves, most significant first.
    var halves: (high: UInt64, low: UInt64) {
        // Written on every id of every auth answer: read the 16 bytes in place, no array.
        withUnsafeBytes(of: uuid) { bytes in
            (bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self).bigEndian,
             bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self).bigEndian)
        }
    }

    /// The UUID of two 64-bit halves, most significant first.
    init(halves: (high: UInt64, low: UInt64)) {
        func byte(_ value: UInt64, _ index: Int) -> UInt8 { UInt8(truncatingIfNeeded: value >> (56 - 8 * index)) }
        let (high, low) = halves
        self.init(uuid: (
            byte(high, 0), byte(high, 1), byte(high, 2), byte(high, 3), byte(high, 4), byte(high, 5), byte(high, 6), byte(high, 7),
            byte(low, 0), byte(low, 1), byte(low, 2), byte(low, 3), byte(low, 4), byte(low, 5), byte(low, 6), byte(low, 7)))
    }
}

extension JSONWriter {
    /// Writes `"name": id`, the id of a `kind` resource in the app's format (`null` when absent).
    public mutating func member(_ name: String, id: UUID?, _ kind: ResourceKind) {
        key(name)
        if let id { value(ids.text(id, kind)) } else { null() }
    }

    /// Writes `"name": id` for an id held as UUID text (`null` when absent).
    public mutating func member(_ name: String, idText: String?, _ kind: ResourceKind) {
        key(name)
        if let idText { value(ids.text(uuidString: idText, kind)) } else { null() }
    }
}
