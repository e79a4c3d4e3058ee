import Foundation

/// A generated table's record as handwritten code writes it: `Record.New` (every declared field
/// by name) and `Record.Changes` (the fields to change). Both turn into the same JSON members an
/// HTTP body would carry, and go through the same validation (`TableStore`).
public protocol RecordInput: Sendable {
    /// The members set, by JSON name.
    func members() throws -> [String: JSONInput]
}

/// The Swift type of a generated table's primary key.
public protocol RecordKey: Sendable, Hashable {
    /// The key as a bind.
    var sqlValue: SQLValue { get }
}

extension UUID: RecordKey {
    /// The key as a bind.
    public var sqlValue: SQLValue { .uuid(self) }
}

extension Int64: RecordKey {
    /// The key as a bind.
    public var sqlValue: SQLValue { .integer(self) }
}

/// The key of a `prefixed` table (`cus_4Hc...`), stored as text.
extension String: RecordKey {
    /// The key as a bind.
    public var sqlValue: SQLValue { .text(self) }
}
