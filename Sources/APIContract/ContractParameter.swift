/// A path or query parameter of a route.
public struct ContractParameter: Sendable, Hashable {
    /// The kind of value a parameter holds.
    public enum Kind: Sendable, Hashable {
        /// Text, at most `maxLength` characters when given.
        case string(maxLength: Int?)
        /// A UUID.
        case uuid
        /// An absolute URI.
        case uri
        /// An RFC 3339 date-time (`2026-01-31T12:00:00Z`).
        case dateTime
        /// A whole number within bounds (either may be absent).
        case integer(minimum: Int?, maximum: Int?)
        /// One of these values.
        case enumeration([String])
    }

    /// Where the parameter is sent.
    public enum Location: Sendable, Hashable {
        /// A `{name}` segment of the path.
        case path
        /// A query parameter.
        case query
    }

    /// The parameter's name as sent (and documented).
    public private(set) var name: String
    /// The name handlers read it by (its declared name), which stays when a layout renames it.
    public let key: String
    /// Where it is sent.
    public let location: Location
    /// The kind of value.
    public let kind: Kind
    /// What it means, for the document.
    public let description: String

    /// Creates a parameter.
    public init(_ name: String, in location: Location, _ kind: Kind, _ description: String) {
        self.name = name
        self.key = name
        self.location = location
        self.kind = kind
        self.description = description
    }

    /// The parameter under another name; `key` stays.
    public func named(_ name: String) -> ContractParameter {
        var copy = self
        copy.name = name
        return copy
    }
}
