/// Checks relation fields: the referenced table exists in the same app, `onDelete` fits the
/// field, and relation-only keys appear only on relations.
enum RelationRules {
    /// Runs the relation rules on `field`.
    static func check(_ field: FieldSchema, _ context: FieldContext) {
        guard field.type == .relation else {
            if field.table != nil {
                context.error(
                    .constraintNotApplicable, at: "table",
                    "\"table\" only applies to relation fields; set \"type\": \"relation\" or remove it")
            }
            if field.onDelete != nil {
                context.error(
                    .constraintNotApplicable, at: "onDelete",
                    "\"onDelete\" only applies to relation fields; set \"type\": \"relation\" or remove it")
            }
            return
        }
        let tableNames = context.app.tables.map(\.name)
        if let table = field.table {
            if !tableNames.contains(table) {
                context.error(
                    .unknownTable, at: "table",
                    "relation to unknown table \(ValueText.quoted(table)) in app \"\(context.app.config.name)\"; "
                        + Suggestion.useOneOf(tableNames, for: table))
            }
        } else {
            context.error(
                .missingConstraint, at: "table",
                "a relation field needs \"table\", the name of the referenced table; "
                    + Suggestion.useOneOf(tableNames, for: field.name))
        }
        if field.onDelete == .setNull, !field.nullable {
            context.error(
                .setNullRequiresNullable, at: "onDelete",
                "\"onDelete\": \"setNull\" needs \"nullable\": true, because deleting the referenced row writes "
                    + "null here; add it or use \"cascade\" or \"restrict\"")
        }
        if field.defaultValue != nil {
            context.error(
                .defaultNotAllowed, at: "default",
                "a relation cannot have a \"default\" (it would point at a fixed row); remove it and make the field "
                    + "required or nullable")
        }
    }

    /// The primary key type of the table a relation references, if that table exists.
    static func targetKeyType(of field: FieldSchema, in app: AppSchema) -> PrimaryKeyType? {
        guard let table = field.table else { return nil }
        return app.tables.first { $0.name == table }?.primaryKey.type
    }
}
