extension TableSchemaReader {
    /// Reads `permissions`, `tenant` and `owner` of a table.
    static func readAccess(_ reader: ObjectReader, into table: inout TableSchema) {
        if let permissions = reader.object("permissions", keys: SchemaKeys.permissions) {
            for key in PermissionKey.allCases {
                if let text = permissions.string(key.rawValue) {
                    table.permissions[key] = AccessRequirementSchema(text: text)
                }
            }
        }
        table.tenant = reader.choice("tenant", named: "tenant level")
        if let owner = reader.object("owner", keys: SchemaKeys.owner) {
            table.owner = OwnerRuleSchema(field: owner.string("field") ?? "", exceptScope: owner.string("exceptScope"))
        }
    }
}
