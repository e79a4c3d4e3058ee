import OpenAPIKit
import SchemaModel
import ValueFormats

/// Small constructors for the JSON Schemas the builder writes by hand (records, pages, error
/// bodies), so every object states its properties, their order and which are required in one place.
enum SchemaFactory {
    /// One property of an object schema.
    struct Property {
        /// JSON name.
        let name: String
        /// The property's schema.
        let schema: JSONSchema
        /// Whether the property must be present.
        let required: Bool

        /// Creates a property; properties are required unless said otherwise.
        init(_ name: String, _ schema: JSONSchema, required: Bool = true) {
            self.name = name
            self.schema = schema
            self.required = required
        }
    }

    /// An object with `properties` in the given order and `required` derived from them.
    ///
    /// `closed` writes `additionalProperties: false`: request bodies reject unknown members, so
    /// their schemas say so; response schemas stay open so clients tolerate additions.
    static func object(_ properties: [Property], description: String? = nil, closed: Bool = false) -> JSONSchema {
        var members = OrderedDictionary<String, JSONSchema>()
        for property in properties {
            members[property.name] = property.required ? property.schema : property.schema.optionalSchemaObject()
        }
        return .object(
            JSONSchema.CoreContext<JSONTypeFormat.ObjectFormat>(description: description),
            JSONSchema.ObjectContext(properties: members, additionalProperties: closed ? .boolean(false) : nil))
    }

    /// `{"$ref": "#/components/schemas/<name>"}`.
    static func reference(_ name: String) -> JSONSchema {
        .reference(.component(named: name))
    }

    /// A plain string with a description.
    static func string(_ description: String, format: JSONTypeFormat.StringFormat = .generic) -> JSONSchema {
        .string(JSONSchema.CoreContext(format: format, description: description), JSONSchema.StringContext())
    }

    /// A plain integer with a description.
    static func integer(_ description: String) -> JSONSchema {
        .integer(JSONSchema.CoreContext(description: description), JSONSchema.IntegerContext())
    }

    /// An array of `items`.
    static func array(of items: JSONSchema, description: String) -> JSONSchema {
        .array(JSONSchema.CoreContext(description: description), JSONSchema.ArrayContext(items: items))
    }

    /// A generated primary key: a UUID string, a 64-bit integer or a prefixed id.
    static func primaryKey(_ key: PrimaryKeySchema, description: String, readOnly: Bool) -> JSONSchema {
        let permissions: JSONSchema.Permissions? = readOnly ? .readOnly : nil
        switch key.type {
        case .prefixed:
            return .string(
                JSONSchema.CoreContext(permissions: permissions, description: description),
                JSONSchema.StringContext(pattern: prefixedKeyPattern(key.prefix ?? "")))
        case .uuid:
            return .string(
                JSONSchema.CoreContext(format: .uuid, permissions: permissions, description: description),
                JSONSchema.StringContext())
        case .integer:
            return .integer(
                JSONSchema.CoreContext(format: .int64, permissions: permissions, description: description),
                JSONSchema.IntegerContext())
        }
    }

    /// `^usr_[0-9A-Za-z]{22}$`: what `Base62ID` writes and accepts (table keys and auth ids).
    static func prefixedKeyPattern(_ prefix: String) -> String { Base62ID.pattern(prefix: prefix) }

    /// A server-set `created_at` / `updated_at` timestamp.
    static func timestamp(_ description: String) -> JSONSchema {
        .string(JSONSchema.CoreContext(format: .dateTime, permissions: .readOnly, description: description), JSONSchema.StringContext())
    }
}
