/// Checks how a field's presence is decided: `required`, `default`, `nullable` and
/// `readOnly` must leave exactly one sensible value when a client omits the field.
enum FieldPresenceRules {
    /// Runs the presence rules on `field`.
    static func check(_ field: FieldSchema, _ context: FieldContext) {
        if field.required, field.defaultValue != nil, !context.isArrayItems, context.placement != .pathParameter {
            context.error(
                .requiredWithDefault, at: "default",
                "a required field never uses its default; remove \"required\" or \"default\"")
        }
        switch context.placement {
        case .tableField where !context.isArrayItems:
            checkTableField(field, context)
        case .pathParameter:
            if field.nullable {
                context.error(
                    .constraintNotApplicable, at: "nullable",
                    "path parameters are always present and never null; remove \"nullable\"")
            }
            if field.defaultValue != nil {
                context.error(
                    .defaultNotAllowed, at: "default",
                    "path parameters are always present, so a default is never used; remove \"default\"")
            }
        case .tableField, .queryParameter, .bodyField:
            break
        }
    }

    private static func checkTableField(_ field: FieldSchema, _ context: FieldContext) {
        let hasStartingValue = field.defaultValue != nil || field.nullable
        if field.readOnly && field.writeOnly {
            context.error(
                .invalidReadOnly, at: "writeOnly",
                "a field cannot be both readOnly (never sent by clients) and writeOnly (never returned); remove one")
        }
        if field.readOnly {
            if field.required {
                context.error(
                    .invalidReadOnly, at: "readOnly",
                    "a readOnly field is never sent by clients, so it cannot be required; remove \"required\"")
            }
            if !hasStartingValue {
                context.error(
                    .invalidReadOnly, at: "readOnly",
                    "a readOnly field needs a \"default\" or \"nullable\": true, because clients never set it")
            }
            return
        }
        guard !field.required, !hasStartingValue else { return }
        let fix =
            field.type == .relation
            ? "optional relation needs \"nullable\": true; or set \"required\": true"
            : "optional field needs \"nullable\": true or a \"default\"; or set \"required\": true"
        context.error(.optionalWithoutDefault, at: nil, fix)
    }
}
