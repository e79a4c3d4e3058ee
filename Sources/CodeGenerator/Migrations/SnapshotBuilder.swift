import SchemaModel

/// Builds the `SchemaSnapshot` of an app from its schema, with the same DDL the runtime
/// schema (`TableDDL`) renders, so a migration creates exactly what a fresh database holds.
enum SnapshotBuilder {
    /// The snapshot of `app`, tables sorted by name.
    static func snapshot(of app: AppSchema) -> SchemaSnapshot {
        let keys = Dictionary(uniqueKeysWithValues: app.tables.map { ($0.name, $0.primaryKey) })
        let tables = app.tables.sorted { $0.name < $1.name }.map { table in
            let translator = TableTranslator(
                table: table, app: app.config, namespace: SwiftNames.pascalCase(app.config.name), primaryKeys: keys)
            return snapshot(of: TableDDL(translator: translator))
        }
        return SchemaSnapshot(app: app.config.name, tables: tables)
    }

    private static func snapshot(of ddl: TableDDL) -> TableSnapshot {
        let table = ddl.translator.table
        var columns = [primaryKey(ddl)]
        columns += table.fields.map { column($0, ddl) }
        if table.timestamps {
            for name in ["created_at", "updated_at"] {
                columns.append(ColumnSnapshot(
                    name: name, kind: "timestamp", sqliteType: "TEXT", postgresType: "TIMESTAMPTZ", nullable: false,
                    sqliteDefault: nil, postgresDefault: nil, check: nil, values: nil, references: nil,
                    sqlite: "\"\(name)\" TEXT NOT NULL", postgres: "\"\(name)\" TIMESTAMPTZ NOT NULL"))
            }
        }
        if table.softDelete {
            columns.append(ColumnSnapshot(
                name: "deleted_at", kind: "timestamp", sqliteType: "TEXT", postgresType: "TIMESTAMPTZ", nullable: true,
                sqliteDefault: nil, postgresDefault: nil, check: nil, values: nil, references: nil,
                sqlite: ddl.deletedAtColumn(.sqlite), postgres: ddl.deletedAtColumn(.postgres)))
        }
        for name in table.accessColumns {
            columns.append(ColumnSnapshot(
                name: name, kind: "access", sqliteType: "TEXT", postgresType: "TEXT", nullable: true,
                sqliteDefault: nil, postgresDefault: nil, check: nil, values: nil, references: nil,
                sqlite: ddl.accessColumn(name), postgres: ddl.accessColumn(name)))
        }
        return TableSnapshot(name: table.name, columns: columns, indexes: ddl.indexDefinitions())
    }

    private static func primaryKey(_ ddl: TableDDL) -> ColumnSnapshot {
        let key = ddl.translator.table.primaryKey
        let integer = key.type == .integer
        return ColumnSnapshot(
            name: key.name, kind: "primaryKey:" + key.type.rawValue,
            sqliteType: integer ? "INTEGER" : "TEXT", postgresType: integer ? "BIGINT" : "UUID", nullable: false,
            sqliteDefault: nil, postgresDefault: nil, check: nil, values: nil, references: nil,
            sqlite: ddl.primaryKeyDefinition(.sqlite), postgres: ddl.primaryKeyDefinition(.postgres))
    }

    private static func column(_ field: FieldSchema, _ ddl: TableDDL) -> ColumnSnapshot {
        let referenced = ddl.translator.referencedKeys[field.table ?? ""]?.type
        let defaultValue = field.defaultValue.flatMap { $0 == .null ? nil : $0 }
        return ColumnSnapshot(
            name: field.name, kind: field.type.rawValue,
            sqliteType: SQLTypes.columnType(field, referencedKey: referenced, dialect: .sqlite),
            postgresType: SQLTypes.columnType(field, referencedKey: referenced, dialect: .postgres),
            nullable: field.nullable,
            sqliteDefault: defaultValue.map { SQLTypes.literal($0, type: field.type, dialect: .sqlite) },
            postgresDefault: defaultValue.map { SQLTypes.literal($0, type: field.type, dialect: .postgres) },
            check: ddl.checkClause(field), values: field.type == .enum ? field.values : nil, references: ddl.referencesClause(field),
            sqlite: ddl.columnDefinition(field, .sqlite), postgres: ddl.columnDefinition(field, .postgres))
    }
}
