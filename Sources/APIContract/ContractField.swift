/// One member of a request body and the constraints the runtime enforces on it.
///
/// The runtime turns it into a validation rule and the OpenAPI builder into a JSON Schema, so
/// what is validated and what is documented are the same declaration.
public struct ContractField: Sendable, Hashable {
    /// The kind of value a member holds, with the constraints specific to that kind.
    public indirect enum Kind: Sendable, Hashable {
        /// Text, matching `pattern` as a whole when one is given.
        case string(pattern: String?)
        /// An email address.
        case email
        /// A UUID.
        case uuid
        /// The id of an auth resource: a UUID, or, with `prefix`, a prefixed id (`ResourceIDs`).
        /// Bodies declare it without a prefix; `ContractLayout.apply` writes in the app's.
        case id(ResourceKind, prefix: String?)
        /// An ISO 8601 timestamp.
        case datetime
        /// A whole number.
        case integer
        /// `true` or `false`.
        case boolean
        /// One of these values.
        case enumeration([String])
        /// An array of `item`s.
        case array(ContractField)
    }

    /// JSON name.
    public let name: String
    /// The name handlers read the member by: its `snake_case` name in Loom's vocabulary, which
    /// stays when an app spells or renames the member (`ownerEmail` is read as `email`).
    public let key: String
    /// Kind and kind-specific constraints.
    public let kind: Kind
    /// What it means, for the document.
    public let description: String
    /// Must be present.
    public let required: Bool
    /// May be `null`.
    public let nullable: Bool
    /// Length bounds in Unicode scalars (items, for an array).
    public let minLength: Int?
    /// Length bounds in Unicode scalars (items, for an array).
    public let maxLength: Int?
    /// Inclusive bounds of an integer.
    public let minimum: Int?
    /// Inclusive bounds of an integer.
    public let maximum: Int?
    /// The OpenAPI component an `enumeration` is documented as (`OrganizationRole`), shared by
    /// every member naming it; `nil`: written inline.
    public private(set) var enumComponent: String?

    /// Creates a member.
    public init(
        _ name: String, _ kind: Kind, _ description: String, required: Bool = false, nullable: Bool = false,
        minLength: Int? = nil, maxLength: Int? = nil, minimum: Int? = nil, maximum: Int? = nil
    ) {
        self.name = name
        self.key = name
        self.kind = kind
        self.description = description
        self.required = required
        self.nullable = nullable
        self.minLength = minLength
        self.maxLength = maxLength
        self.minimum = minimum
        self.maximum = maximum
    }

    /// The member documented as the enum component `name` (one type in generated clients).
    public func enumerated(as name: String) -> ContractField {
        var copy = self
        copy.enumComponent = name
        return copy
    }

    /// The member under another JSON name; `key` stays.
    public func named(_ name: String) -> ContractField {
        ContractField(copying: self, name: name, kind: kind)
    }

    /// The member with the ids of auth resources in the format of `ids` (array items too).
    public func writing(_ ids: ResourceIDs) -> ContractField {
        switch kind {
        case .id(let resource, _): return ContractField(copying: self, name: name, kind: .id(resource, prefix: ids.prefix(resource)))
        case .array(let item): return ContractField(copying: self, name: name, kind: .array(item.writing(ids)))
        default: return self
        }
    }

    private init(copying field: ContractField, name: String, kind: Kind) {
        self.name = name
        self.key = field.key
        self.kind = kind
        self.description = field.description
        self.required = field.required
        self.nullable = field.nullable
        self.minLength = field.minLength
        self.maxLength = field.maxLength
        self.minimum = field.minimum
        self.maximum = field.maximum
        self.enumComponent = field.enumComponent
    }

    /// The longest email address accepted (RFC 5321's path limit).
    public static let emailMaxLength = 254
    /// The longest opaque token (refresh, reset, verification, invitation) accepted.
    public static let tokenMaxLength = 200
    /// The longest JWT refresh token accepted (`auth.tokens.refreshTokenFormat: "jwt"`).
    public static let jwtMaxLength = 2000
    /// The pattern of organization and project slugs.
    public static let slugPattern = "[a-z0-9][a-z0-9-]{1,62}"
}
