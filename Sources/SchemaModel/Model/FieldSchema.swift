/// The type of a field in a table, an endpoint parameter or an endpoint body.
///
/// `array` and `object` are only valid inside endpoint bodies; `relation` only inside tables.
public enum FieldType: String, Codable, Sendable, CaseIterable, Hashable {
    case string, text, integer, number, boolean, datetime, date, uuid, email, url
    case `enum`, json, relation, array, object
}

/// What the database does with rows that reference a deleted row.
public enum OnDeleteAction: String, Codable, Sendable, CaseIterable, Hashable {
    case cascade, restrict, setNull
}

/// One field as written in a schema file.
///
/// A field keeps its declaration order (the order of keys in the `fields` object), which
/// decides column order, JSON property order and OpenAPI property order.
public struct FieldSchema: Codable, Sendable, Hashable {
    /// The field's name (the key in the `fields` object); `snake_case`.
    public var name: String
    /// The field's type.
    public var type: FieldType
    /// Documentation shown in the OpenAPI document and `/docs`. Required everywhere.
    public var description: String
    /// The field must be present when a record is created or replaced.
    public var required: Bool
    /// The field may hold `null`.
    public var nullable: Bool
    /// No two records may hold the same value (tables only).
    public var unique: Bool
    /// Clients may never set the field; the server fills it from `default` (tables only).
    public var readOnly: Bool
    /// Clients may set the field but it is never returned (secrets); tables only.
    public var writeOnly: Bool = false
    /// Indexed for full-text search with `q=` (string and text table fields).
    public var searchable: Bool = false
    /// Usable in `filter` and as an equality shorthand (default: every scalar field).
    public var filterable: Bool = true
    /// Usable in `sort` (default: every scalar field).
    public var sortable: Bool = true
    /// Value used when the field is absent on create.
    public var defaultValue: JSONValue?
    /// Inclusive lower bound (`integer`, `number`).
    public var minimum: Double?
    /// Inclusive upper bound (`integer`, `number`).
    public var maximum: Double?
    /// Minimum length in characters (`string`, `text`, `email`, `url`).
    public var minLength: Int?
    /// Maximum length in characters (`string`, `text`, `email`, `url`).
    public var maxLength: Int?
    /// Regular expression the whole value must match (`string`).
    public var pattern: String?
    /// Allowed values (`enum`).
    public var values: [String]?
    /// Target table name (`relation`).
    public var table: String?
    /// Action when the referenced row is deleted (`relation`; default `restrict`).
    public var onDelete: OnDeleteAction?
    /// Element type (`array`).
    public var items: Box<FieldSchema>?
    /// Member fields (`object`).
    public var fields: [FieldSchema]?
    /// Example value for documentation.
    public var example: JSONValue?
    /// The column's previous name (`renamedFrom`): the migration generator renames the column
    /// instead of dropping the old one and adding this one, so its values are kept.
    public var renamedFrom: String?

    /// Creates a field; every constraint defaults to "absent".
    public init(
        name: String, type: FieldType, description: String,
        required: Bool = false, nullable: Bool = false, unique: Bool = false, readOnly: Bool = false,
        defaultValue: JSONValue? = nil, minimum: Double? = nil, maximum: Double? = nil,
        minLength: Int? = nil, maxLength: Int? = nil, pattern: String? = nil,
        values: [String]? = nil, table: String? = nil, onDelete: OnDeleteAction? = nil,
        items: FieldSchema? = nil, fields: [FieldSchema]? = nil, example: JSONValue? = nil
    ) {
        self.name = name
        self.type = type
        self.description = description
        self.required = required
        self.nullable = nullable
        self.unique = unique
        self.readOnly = readOnly
        self.defaultValue = defaultValue
        self.minimum = minimum
        self.maximum = maximum
        self.minLength = minLength
        self.maxLength = maxLength
        self.pattern = pattern
        self.values = values
        self.table = table
        self.onDelete = onDelete
        self.items = items.map(Box.init)
        self.fields = fields
        self.example = example
    }
}

/// A heap box that lets a value type contain itself (an array field's `items`).
public final class Box<Value: Codable & Sendable & Hashable>: Codable, Sendable, Hashable {
    /// The boxed value.
    public let value: Value
    /// Boxes a value.
    public init(_ value: Value) { self.value = value }
    /// Decodes the boxed value transparently.
    public required init(from decoder: any Decoder) throws { value = try Value(from: decoder) }
    /// Encodes the boxed value transparently.
    public func encode(to encoder: any Encoder) throws { try value.encode(to: encoder) }
    /// Boxes compare by value.
    public static func == (lhs: Box, rhs: Box) -> Bool { lhs.value == rhs.value }
    /// Boxes hash by value.
    public func hash(into hasher: inout Hasher) { hasher.combine(value) }
}
