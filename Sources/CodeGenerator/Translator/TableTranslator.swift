import APIContract
import SchemaModel

/// Translates one table: record properties, field rules, SQL statements and DDL.
struct TableTranslator {
    let table: TableSchema
    let app: AppConfig
    let namespace: String
    /// Primary keys of every table of the app, by table name.
    let primaryKeys: [String: PrimaryKeySchema]
    /// Relation fields of other tables (or this one) that point at this table, for `expand=`.
    var referencing: [(table: TableSchema, field: FieldSchema)] = []

    /// The relation fields of `tables` that reference `name`, in table then field order.
    static func relations(to name: String, in tables: [TableSchema]) -> [(table: TableSchema, field: FieldSchema)] {
        tables.sorted { $0.name < $1.name }.flatMap { table in
            table.fields.filter { $0.type == .relation && $0.table == name }.map { (table, $0) }
        }
    }

    var referencedKeys: [String: PrimaryKeySchema] { primaryKeys }

    /// The field type the key is read and written as (a prefixed key is text).
    var keyFieldType: FieldType {
        switch table.primaryKey.type {
        case .uuid: return .uuid
        case .integer: return .integer
        case .prefixed: return .string
        }
    }

    var typeName: String { SwiftNames.pascalCase(table.name) }
    var quotedTable: String { SQLTypes.quote(table.name) }
    var primaryKey: String { table.primaryKey.name }
    var writableFields: [FieldSchema] { table.fields.filter { !$0.readOnly } }

    /// Column names in select-list (and record property) order.
    var columnNames: [String] {
        [primaryKey] + table.fields.map(\.name) + (table.timestamps ? ["created_at", "updated_at"] : [])
            + (table.softDelete ? ["deleted_at"] : [])
    }

    func translate() -> TableRenderModel {
        let selectColumns = columnNames.map(SQLTypes.quote).joined(separator: ", ")
        var model = TableRenderModel(
            namespace: namespace,
            typeName: typeName,
            sourceFile: table.file,
            docLines: SwiftNames.docLines(table.description),
            nameLiteral: SwiftNames.literal(table.name),
            pathLiteral: SwiftNames.literal(table.path ?? app.basePath + "/" + table.name),
            primaryKeyNameLiteral: SwiftNames.literal(app.fieldName(primaryKey)),
            primaryKeyKind: FieldRules.keyKind(table.primaryKey),
            primaryKeyTextExpression: primaryKeyTextExpression,
            timestamps: table.timestamps,
            properties: properties(),
            rules: table.fields.listItems { FieldRules.rule($0, referencedKeys: referencedKeys, naming: app.fieldJSONNaming) },
            filters: filterItems(),
            relations: relationItems(),
            reverseRelations: reverseRelationItems(),
            operations: table.operations.map { "." + $0.rawValue }.joined(separator: ", "),
            tableLiteral: SwiftNames.literal(quotedTable),
            selectColumnsLiteral: SwiftNames.literal(selectColumns),
            primaryKeyColumnLiteral: SwiftNames.literal(SQLTypes.quote(primaryKey)),
            statements: StatementBuilder(translator: self, selectColumns: selectColumns).statements(),
            guardedStatements: StatementBuilder(translator: self, selectColumns: selectColumns).guardedStatements(),
            members: columnNames.listItems { SwiftNames.literal(app.columnName($0, of: table)) },
            keySwiftType: FieldRules.scalarSwiftType(keyFieldType, referencedKey: nil),
            primaryKeySwiftName: SwiftNames.camelCase(primaryKey),
            columnAccessors: columnAccessors(),
            newMembers: newMembers(),
            changeMembers: changeMembers(),
            upsertKeyLiteral: table.upsertKey.map { SwiftNames.literal(app.fieldName($0)) } ?? "nil",
            softDelete: table.softDelete,
            ignoresServerOwnedFields: table.serverOwnedFields == .ignore,
            searchExpression: SearchDDL(table: table).map {
                "DialectSQL(sqlite: \(SwiftNames.literal($0.condition(.sqlite))), postgres: \(SwiftNames.literal($0.condition(.postgres))))"
            } ?? "nil")
        model.rowAccessExpression = AccessTranslator.rowAccess(table)
        model.tableAccessExpression = AccessTranslator.tableAccess(table, app: app)
        model.descriptorExtras = TableLayoutTranslator(translator: self).descriptorArguments().listItems { $0 }
        model.hasDescriptorExtras = !model.descriptorExtras.isEmpty
        return model
    }

    /// The key as it appears in URLs.
    private var primaryKeyTextExpression: String {
        let name = SwiftNames.camelCase(primaryKey)
        switch table.primaryKey.type {
        case .uuid: return "\(name).uuidString.lowercased()"
        case .integer: return "String(\(name))"
        case .prefixed: return name
        }
    }

    private func properties() -> [PropertyRenderModel] {
        var result: [PropertyRenderModel] = []
        result.append(property(
            name: primaryKey, type: keyFieldType, referencedKey: nil, nullable: false,
            description: "Unique identifier of the record, generated by the server."))
        for field in table.fields {
            var model = property(
                name: field.name, type: field.type, referencedKey: referencedKeys[field.table ?? ""]?.type,
                nullable: field.nullable, description: field.description)
            model.writeOnly = field.writeOnly
            result.append(model)
        }
        if table.timestamps {
            result.append(property(name: "created_at", type: .datetime, referencedKey: nil, nullable: false, description: "When the record was created."))
            result.append(property(name: "updated_at", type: .datetime, referencedKey: nil, nullable: false, description: "When the record was last changed."))
        }
        if table.softDelete {
            result.append(property(name: "deleted_at", type: .datetime, referencedKey: nil, nullable: true, description: "When the record was deleted; null while it is live."))
        }
        if let last = result.indices.last { result[last].isLast = true }
        for index in result.indices { result[index].position = index }
        // `envelopes.record.fields`: the declared fields (after the key) nested in one member.
        if let nest = EnvelopesSchema.effective(table: table.envelopes, app: app.envelopes).record?.fields, !table.fields.isEmpty {
            result[1].nestLiteral = SwiftNames.literal(nest)
            result[1].opensNest = true
            result[table.fields.count].closesNest = true
        }
        return result
    }

    private func property(name: String, type: FieldType, referencedKey: PrimaryKeyType?, nullable: Bool, description: String) -> PropertyRenderModel {
        let swiftType = FieldRules.scalarSwiftType(type, referencedKey: referencedKey) + (nullable ? "?" : "")
        let accessor = FieldRules.accessor(type, referencedKey: referencedKey)
        let swiftName = SwiftNames.camelCase(name)
        return PropertyRenderModel(
            swiftName: swiftName, swiftType: swiftType, jsonNameLiteral: SwiftNames.literal(app.columnName(name, of: table)),
            docLines: SwiftNames.docLines(description),
            readExpression: FieldRules.call(accessor, optional: nullable, on: "reader"), isLast: false,
            rowValue: Self.sqlValue(type, referencedKey: referencedKey, nullable: nullable, value: swiftName))
    }

    /// Declared scalar fields are filterable by equality; `text` and `json` are not (no index
    /// could serve them and equality on documents is rarely what a client means).
    private func filterItems() -> [ListItem] {
        table.fields.filter { ![.text, .json].contains($0.type) && !$0.writeOnly && ($0.filterable || $0.sortable) }.listItems { field in
            let flags = (field.filterable ? "" : ", filterable: false") + (field.sortable ? "" : ", sortable: false")
            return "FilterColumn(name: \(SwiftNames.literal(app.fieldName(field.name))), rule: \(FieldRules.rule(field, referencedKeys: referencedKeys, naming: app.fieldJSONNaming)), column: \(SwiftNames.literal(SQLTypes.quote(field.name)))\(flags))"
        }
    }

    private func relationItems() -> [ListItem] {
        table.fields.enumerated().filter { $0.element.type == .relation }.listItems { index, field in
            let target = field.table ?? ""
            let sql = { (dialect: Dialect) in
                "SELECT 1 FROM \(SQLTypes.quote(target)) WHERE \(SQLTypes.quote(self.targetKey(target))) = \(SQLTypes.placeholder(1, dialect))"
            }
            return "RelationCheck(fieldIndex: \(index), table: \(SwiftNames.literal(target)), exists: DialectSQL(sqlite: \(SwiftNames.literal(sql(.sqlite))), postgres: \(SwiftNames.literal(sql(.postgres)))), target: { \(namespace).\(SwiftNames.pascalCase(target)).descriptor }, writeTarget: { row, writer in try \(namespace).\(SwiftNames.pascalCase(target)).Record(row: row).writeJSON(to: &writer) })"
        }
    }

    /// `ReverseRelation(...)` per referencing relation; named after the referencing table, or
    /// `table.field` when that table references this one more than once.
    private func reverseRelationItems() -> [ListItem] {
        let counts = Dictionary(referencing.map { ($0.table.name, 1) }, uniquingKeysWith: +)
        return referencing.listItems { table, field in
            let name = counts[table.name, default: 0] > 1 ? "\(table.name).\(app.fieldName(field.name))" : table.name
            let type = "\(namespace).\(SwiftNames.pascalCase(table.name))"
            return "ReverseRelation(name: \(SwiftNames.literal(name)), field: \(SwiftNames.literal(field.name)), "
                + "target: { \(type).descriptor }, writeTarget: { row, writer in try \(type).Record(row: row).writeJSON(to: &writer) })"
        }
    }

    /// The referenced table's primary key column name (the validator guarantees the table exists).
    func targetKey(_ table: String) -> String {
        primaryKeys[table]?.name ?? "id"
    }
}
