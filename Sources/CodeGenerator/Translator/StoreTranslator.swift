import APIContract
import SchemaModel

/// The typed API handwritten code uses on a table (`Runtime.TableStore`): the record's key
/// type and stored row, typed columns for queries, and the `New` and `Changes` inputs.
extension TableTranslator {
    /// `TableColumn`s of every member but JSON documents, in select-list order.
    func columnAccessors() -> [ColumnAccessorRenderModel] {
        members().filter { $0.type != .json }.map { member in
            let scalar = FieldRules.scalarSwiftType(member.type, referencedKey: member.referencedKey)
            let valueType = scalar + (member.nullable ? "?" : "")
            let accessor = FieldRules.accessor(member.type, referencedKey: member.referencedKey)
            return ColumnAccessorRenderModel(
                swiftName: SwiftNames.camelCase(member.name), valueType: valueType, nameLiteral: SwiftNames.literal(app.columnName(member.name, of: table)),
                columnLiteral: SwiftNames.literal(SQLTypes.quote(member.name)),
                bind: "{ value in " + Self.sqlValue(member.type, referencedKey: member.referencedKey, nullable: member.nullable, value: "value") + " }",
                read: "{ reader in " + FieldRules.call(accessor, optional: member.nullable, on: "reader") + " }")
        }
    }

    /// The members of `Record.New`: every declared field. A required field is a plain
    /// parameter (optional when it may be null, always sent); any other is optional and left out
    /// when nil, so it takes its default.
    func newMembers() -> [InputMemberRenderModel] {
        table.fields.enumerated().map { offset, field in
            let scalar = FieldRules.scalarSwiftType(field.type, referencedKey: referencedKeys[field.table ?? ""]?.type)
            let name = SwiftNames.camelCase(field.name)
            let json = jsonInput(field, value: name)
            let member = SwiftNames.literal(app.fieldName(field.name))
            let emit: String
            let type: String
            if field.required {
                type = scalar + (field.nullable ? "?" : "")
                emit = field.nullable
                    ? "members[\(member)] = try \(name).map { \(name) in \(json) } ?? .null"
                    : "members[\(member)] = \(json)"
            } else {
                type = scalar + "?"
                emit = "if let \(name) { members[\(member)] = \(json) }"
            }
            return InputMemberRenderModel(
                swiftName: name, swiftType: type, parameter: "\(name): \(type)" + (field.required ? "" : " = nil"),
                emit: emit, docLines: SwiftNames.docLines(field.description), isLast: offset == table.fields.count - 1)
        }
    }

    /// The members of `Record.Changes`: every declared field, nil when unchanged; a nullable
    /// field is a double optional whose `.some(nil)` sets it to null.
    func changeMembers() -> [InputMemberRenderModel] {
        table.fields.enumerated().map { offset, field in
            let scalar = FieldRules.scalarSwiftType(field.type, referencedKey: referencedKeys[field.table ?? ""]?.type)
            let name = SwiftNames.camelCase(field.name)
            let json = jsonInput(field, value: name)
            let member = SwiftNames.literal(app.fieldName(field.name))
            let type = scalar + (field.nullable ? "??" : "?")
            let emit = field.nullable
                ? "if let \(name) { members[\(member)] = try \(name).map { \(name) in \(json) } ?? .null }"
                : "if let \(name) { members[\(member)] = \(json) }"
            return InputMemberRenderModel(
                swiftName: name, swiftType: type, parameter: "\(name): \(type) = nil", emit: emit,
                docLines: SwiftNames.docLines(field.description), isLast: offset == table.fields.count - 1)
        }
    }

    /// One member of the record in select-list order.
    struct Member {
        let name: String
        let type: FieldType
        let referencedKey: PrimaryKeyType?
        let nullable: Bool
    }

    /// The record's members in select-list order (as `columnNames`).
    func members() -> [Member] {
        var result = [Member(name: primaryKey, type: keyFieldType, referencedKey: nil, nullable: false)]
        result += table.fields.map { Member(name: $0.name, type: $0.type, referencedKey: referencedKeys[$0.table ?? ""]?.type, nullable: $0.nullable) }
        if table.timestamps {
            result += ["created_at", "updated_at"].map { Member(name: $0, type: .datetime, referencedKey: nil, nullable: false) }
        }
        if table.softDelete { result.append(Member(name: "deleted_at", type: .datetime, referencedKey: nil, nullable: true)) }
        return result
    }

    /// The `SQLValue` expression of a Swift `value` of a member, as the table stores it.
    static func sqlValue(_ type: FieldType, referencedKey: PrimaryKeyType?, nullable: Bool, value: String) -> String {
        let scalar: String
        switch type {
        case .string, .text, .email, .url, .enum: scalar = "SQLValue.text(\(value))"
        case .date: scalar = "SQLValue.date(\(value))"
        case .integer: scalar = "SQLValue.integer(\(value))"
        case .number: scalar = "SQLValue.double(\(value))"
        case .boolean: scalar = "SQLValue.bool(\(value))"
        case .datetime: scalar = "SQLValue.timestamp(\(value))"
        case .uuid: scalar = "SQLValue.uuid(\(value))"
        case .json, .array, .object: scalar = "SQLValue.json(\(value).text)"
        case .relation:
            switch referencedKey {
            case .integer: scalar = "SQLValue.integer(\(value))"
            case .prefixed: scalar = "SQLValue.text(\(value))"
            case .uuid, nil: scalar = "SQLValue.uuid(\(value))"
            }
        }
        return nullable ? "\(value).map { \(value) in \(scalar) } ?? .null" : scalar
    }

    /// The `JSONInput` expression of a Swift `value` of `field`, as an HTTP body would carry it.
    private func jsonInput(_ field: FieldSchema, value: String) -> String {
        switch field.type {
        case .string, .text, .email, .url, .enum, .date: return "JSONInput.string(\(value))"
        case .integer: return "JSONInput.integer(\(value))"
        case .number: return "JSONInput.number(\(value))"
        case .boolean: return "JSONInput.bool(\(value))"
        case .datetime: return "JSONInput.string(TimestampFormat.makeTimestamp(\(value)))"
        case .uuid: return "JSONInput.string(\(value).uuidString.lowercased())"
        case .json, .array, .object: return "try \(value).parsed()"
        case .relation:
            switch referencedKeys[field.table ?? ""]?.type {
            case .integer: return "JSONInput.integer(\(value))"
            case .prefixed: return "JSONInput.string(\(value))"
            case .uuid, nil: return "JSONInput.string(\(value).uuidString.lowercased())"
            }
        }
    }
}
