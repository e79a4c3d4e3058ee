/// A path or query parameter of a route.
public struct ContractParameter: Sendable, Hashable {
    /// The kind of value a parameter holds.
    public enum Kind: Sendable, Hashable {
        /// Text, at most `maxLength` characters when given.
        case string(maxLength: Int?)
        /// A UUID.
        case uuid
        /// The id of an auth resource: a UUID, or, with `prefix`, a prefixed id (`ResourceIDs`).
        /// Routes declare it without a prefix; `ContractLayout.apply` writes in the app's.
        case id(ResourceKind, prefix: String?)
        /// An absolute URI.
        case uri
        /// An RFC 3339 date-time (`2026-01-31T12:00:00Z`).
        case dateTime
        /// A calendar day, `YYYY-MM-DD` (an RFC 3339 full-date).
        case date
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
        /// A request header (conditional requests' `If-None-Match`).
        case header
    }

    /// The parameter's name as sent (and documented).
    public private(set) var name: String
    /// The name handlers read it by (its declared name), which stays when a layout renames it.
    public let key: String
    /// Where it is sent.
    public let location: Location
    /// The kind of value.
    public private(set) var kind: Kind
    /// What it means, for the document.
    public let description: String
    /// The OpenAPI component an `enumeration` is documented as, shared by every member and
    /// parameter naming it; `nil`: written inline.
    public private(set) var enumComponent: String?

    /// Creates a parameter.
    public init(_ name: String, in location: Location, _ kind: Kind, _ description: String) {
        self.name = name
        self.key = name
        self.location = location
        self.kind = kind
        self.description = description
    }

    /// The parameter with the ids of auth resources in the format of `ids`.
    public func writing(_ ids: ResourceIDs) -> ContractParameter {
        guard case .id(let resource, _) = kind else { return self }
        var copy = self
        copy.kind = .id(resource, prefix: ids.prefix(resource))
        return copy
    }

    /// The parameter documented as the enum component `name`.
    public func enumerated(as name: String) -> ContractParameter {
        var copy = self
        copy.enumComponent = name
        return copy
    }

    /// The parameter under another name; `key` stays.
    public func named(_ name: String) -> ContractParameter {
        var copy = self
        copy.name = name
        return copy
    }
}
