import APIContract
import Foundation
import ValueFormats
import OpenAPIKit
import SchemaModel

/// Turns schema fields into JSON Schemas (OpenAPI 3.1 dialect).
///
/// Nullable fields are written as type arrays (`["string", "null"]`), never as the 3.0
/// `nullable` keyword; nullable `json` fields are the empty schema, which already admits `null`,
/// and the others `oneOf` the five JSON types but `null` (``anyValueButNull``).
struct FieldSchemaBuilder {
    /// Where a field's schema appears; decides which keywords describe the value truthfully there.
    enum Usage {
        /// A record in a response: `readOnly` is marked, defaults are documented.
        case record
        /// A create or replace body, or a custom endpoint's body or response.
        case input
        /// An update (`PATCH`) body: an absent field is left unchanged, so no `default` applies.
        case patch
        /// A custom endpoint's path or query parameter: a query string cannot carry `null`.
        case parameter
        /// A list equality filter: never `null`, and absent means "no filter", not a default.
        case filter

        /// Whether a nullable field may be `null` here.
        var allowsNull: Bool { self != .parameter && self != .filter }
        /// Whether the field's `default` describes what the server does here.
        var keepsDefault: Bool { self != .patch && self != .filter }
        /// Whether server-set fields are flagged `readOnly`.
        var marksReadOnly: Bool { self == .record }
    }

    /// Other tables' primary keys, for relations.
    let context: DocumentContext
    /// The schema file being described, for errors.
    let file: String
    /// How member names are spelled: the app's style for names in Loom's `snake_case`
    /// vocabulary; `.snakeCase` for names already spelled (laid-out contract bodies).
    var naming: JSONNaming
    /// Enum fields become the component `enumScope + PascalCase(name)` (`Task` + `status`);
    /// `nil`: inline unless `enumComponents` names them.
    var enumScope: String?
    /// Component names of enum members by member name (`role` -> `OrganizationRole`), before `enumScope`.
    var enumComponents: [String: String] = [:]

    /// A builder spelling members in the app's style.
    init(context: DocumentContext, file: String) {
        self.context = context
        self.file = file
        self.naming = context.config.jsonNaming
    }

    /// The builder of `table`'s fields: its enums are the components `<Singular><Field>` (`TaskStatus`),
    /// its names spelled as the app writes declared names (`fieldNaming`).
    init(context: DocumentContext, table: TableSchema) {
        self.init(declaredIn: table.file, context: context)
        enumScope = OpenAPINames.singular(table)
    }

    /// The builder of fields declared in `file` (an endpoint's, an event's): names spelled as the
    /// app writes declared names (`fieldNaming`).
    init(declaredIn file: String, context: DocumentContext) {
        self.init(context: context, file: file)
        naming = context.config.fieldJSONNaming
    }

    /// The same builder naming the enum members `components` (member name -> component name).
    func naming(enums components: [String: String]) -> FieldSchemaBuilder {
        var copy = self
        copy.enumComponents.merge(components) { _, new in new }
        return copy
    }

    /// The same builder writing names as they are given.
    var verbatim: FieldSchemaBuilder {
        var copy = self
        copy.naming = .snakeCase
        return copy
    }

    /// The schema of `field`, with its description, constraints, default and example.
    func schema(for field: FieldSchema, usage: Usage) throws -> JSONSchema {
        let nullable = field.nullable && usage.allowsNull
        switch field.type {
        case .string, .text: return string(field, usage, format: .generic, nullable: nullable)
        case .email: return string(field, usage, format: .email, nullable: nullable)
        case .url: return string(field, usage, format: .uri, nullable: nullable)
        case .uuid: return string(field, usage, format: .uuid, nullable: nullable)
        case .date: return string(field, usage, format: .date, nullable: nullable)
        case .datetime: return string(field, usage, format: .dateTime, nullable: nullable)
        case .integer:
            return .integer(core(field, usage, format: .int64, nullable: nullable), integerBounds(field))
        case .number:
            return .number(core(field, usage, format: .double, nullable: nullable), numericBounds(field))
        case .boolean:
            return .boolean(core(field, usage, format: .generic, nullable: nullable))
        case .enum:
            // A component named for the app (`OrganizationRole`) is described by each use; one named
            // for a table field (`TaskStatus`) by that field.
            if let component = enumComponents[field.name] {
                return enumReference(field, usage, component: component, described: nil, nullable: nullable)
            }
            if let scope = enumScope {
                let component = scope + OpenAPINames.pascalCase(field.name)
                return enumReference(field, usage, component: component, described: field.description, nullable: nullable)
            }
            var values = (field.values ?? []).map(AnyCodable.init)
            // `enum` is checked after `type`, so a nullable enum must list null to accept it.
            if nullable { values.append(AnyCodable(nil as String?)) }
            return .string(core(field, usage, format: .generic, nullable: nullable, allowedValues: values), JSONSchema.StringContext())
        case .json:
            // The empty schema admits every JSON value, null included; the runtime refuses null
            // for a field that is not nullable, so that field's schema lists the other types.
            let context = core(field, usage, format: JSONTypeFormat.AnyFormat.generic, nullable: false)
            return nullable ? .fragment(context) : .one(of: Self.anyValueButNull, core: context)
        case .relation:
            return try relation(field, usage, nullable: nullable)
        case .array:
            let items = try field.items.map { try schema(for: $0.value, usage: usage) }
            return .array(
                core(field, usage, format: .generic, nullable: nullable),
                JSONSchema.ArrayContext(items: items, maxItems: field.maxLength, minItems: field.minLength))
        case .object:
            var nested = self
            nested.enumScope = enumScope.map { $0 + OpenAPINames.pascalCase(field.name) }
            nested.enumComponents = [:]
            let members = try nested.properties(of: field.fields ?? [], usage: usage)
            let object = SchemaFactory.object(members, closed: true)
            guard case .object(_, let objectContext) = object.value else { return object }
            return .object(core(field, usage, format: .generic, nullable: nullable), objectContext)
        }
    }

    /// Any JSON value but `null`, as one schema per type, exactly one of which matches a value.
    /// Not `not: {type: null}`, which says the same but which swift-openapi-generator skips (the
    /// member vanishes from the Swift type); it reads this `oneOf` as an enum of
    /// `OpenAPIObjectContainer`, `OpenAPIArrayContainer`, `String`, `Double` and `Bool`, and
    /// openapi-python-client as a union of a model, `list`, `str`, `float` and `bool`. The array's
    /// `items: {}` is there for openapi-python-client, which refuses an array without `items`.
    static let anyValueButNull: [JSONSchema] = [
        .object,
        .array(.init(), JSONSchema.ArrayContext(items: .fragment(.init()))),
        .string,
        .number,
        .boolean,
    ]

    /// Object properties for `fields`, required exactly when the field says so.
    func properties(of fields: [FieldSchema], usage: Usage) throws -> [SchemaFactory.Property] {
        try fields.map { SchemaFactory.Property(naming.name($0.name), try schema(for: $0, usage: usage), required: $0.required) }
    }

    /// An enum field as a reference to its component, with the keywords of this use beside it
    /// (description, default, `readOnly`); a nullable one is `anyOf` the component and `null`.
    private func enumReference(
        _ field: FieldSchema, _ usage: Usage, component: String, described description: String?, nullable: Bool
    ) -> JSONSchema {
        let reference = context.enums.reference(component, values: field.values ?? [], description: description, file: file)
        guard case .reference(let target, _) = reference.value else { return reference }
        let keywords = core(field, usage, format: JSONTypeFormat.AnyFormat.generic, nullable: false)
        if nullable {
            return .any(of: [reference, .null()], core: keywords)
        }
        return .reference(target, keywords)
    }

    private func string(_ field: FieldSchema, _ usage: Usage, format: JSONTypeFormat.StringFormat, nullable: Bool) -> JSONSchema {
        let pattern = field.pattern.map(Self.anchored) ?? (format == .generic ? Self.withoutNUL : nil)
        return .string(
            core(field, usage, format: format, nullable: nullable),
            JSONSchema.StringContext(maxLength: field.maxLength, minLength: field.minLength, pattern: pattern))
    }

    /// Any text without U+0000, which the server refuses in every string (PostgreSQL cannot
    /// store it, so both engines answer alike).
    static let withoutNUL = "^[^\\u0000]*$"

    /// `pattern` as the runtime applies it: `SchemaPattern` anchors it and spells out the
    /// constructs regular expression dialects read differently.
    static func anchored(_ pattern: String) -> String { SchemaPattern.anchored(pattern) }

    /// A relation holds the target's key, so it has the key's type; the description says which.
    private func relation(_ field: FieldSchema, _ usage: Usage, nullable: Bool) throws -> JSONSchema {
        let (target, key) = try context.primaryKey(of: field, file: file)
        let description = Self.sentence(field.description) + "References \(target).\(key.name)."
        switch key.type {
        case .uuid:
            return .string(
                core(field, usage, format: .uuid, nullable: nullable, description: description), JSONSchema.StringContext())
        case .integer:
            return .integer(
                core(field, usage, format: .int64, nullable: nullable, description: description), JSONSchema.IntegerContext())
        case .prefixed:
            return .string(
                core(field, usage, format: .generic, nullable: nullable, description: description),
                JSONSchema.StringContext(pattern: SchemaFactory.prefixedKeyPattern(key.prefix ?? "")))
        }
    }

    /// The keywords every type shares.
    private func core<Format: OpenAPIFormat>(
        _ field: FieldSchema, _ usage: Usage, format: Format, nullable: Bool,
        description: String? = nil, allowedValues: [AnyCodable]? = nil
    ) -> JSONSchema.CoreContext<Format> {
        JSONSchema.CoreContext(
            format: format,
            nullable: nullable,
            permissions: field.readOnly && usage.marksReadOnly ? .readOnly : field.writeOnly ? .writeOnly : nil,
            description: description ?? field.description,
            allowedValues: allowedValues,
            defaultValue: usage.keepsDefault ? field.defaultValue?.anyCodable : nil,
            examples: field.example.map { [$0.anyCodable] } ?? [])
    }

    private func integerBounds(_ field: FieldSchema) -> JSONSchema.IntegerContext {
        JSONSchema.IntegerContext(
            maximum: field.maximum.map { (Self.integer($0.rounded(.down)), exclusive: false) },
            minimum: field.minimum.map { (Self.integer($0.rounded(.up)), exclusive: false) })
    }

    private func numericBounds(_ field: FieldSchema) -> JSONSchema.NumericContext {
        JSONSchema.NumericContext(
            maximum: field.maximum.map { ($0, exclusive: false) },
            minimum: field.minimum.map { ($0, exclusive: false) })
    }

    /// Bounds are stored as `Double`; clamp instead of trapping on values beyond `Int`.
    private static func integer(_ value: Double) -> Int {
        if value >= Double(Int.max) { return Int.max }
        if value <= Double(Int.min) { return Int.min }
        return Int(value)
    }

    /// `text` as a sentence followed by a space, so generated remarks can be appended to it.
    static func sentence(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let last = trimmed.last else { return "" }
        return trimmed + (".!?".contains(last) ? " " : ". ")
    }
}
