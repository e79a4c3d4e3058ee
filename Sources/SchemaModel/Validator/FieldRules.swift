/// Checks one field and, recursively, its `items` and `fields`.
enum FieldRules {
    /// Types a query parameter may have: values that fit in one query-string item.
    static let queryParameterTypes: [FieldType] = [
        .string, .integer, .number, .boolean, .date, .datetime, .uuid, .enum, .email, .url,
    ]
    /// Types a path parameter may have: values that fit in one URL segment and identify something.
    static let pathParameterTypes: [FieldType] = [.string, .integer, .uuid, .enum]

    /// Checks every field of a list placed at `path` (e.g. `fields`, `requestBody.fields`).
    static func check(
        _ fields: [FieldSchema], at path: String, placement: FieldContext.Placement, app: AppSchema, file: String,
        diagnostics: DiagnosticCollector
    ) {
        for field in fields {
            let context = FieldContext(
                placement: placement, app: app, file: file, path: JSONPath.member(field.name, of: path),
                isArrayItems: false, diagnostics: diagnostics)
            check(field, context)
        }
    }

    /// Runs every field rule on `field`, then on its items or member fields.
    static func check(_ field: FieldSchema, _ context: FieldContext) {
        if !context.isArrayItems {
            NameRules.check(
                field.name, what: "\(context.placement.noun) name", file: context.file, path: context.path,
                diagnostics: context.diagnostics)
            TextRules.checkDescription(
                field.description, of: "\(context.placement.noun) \"\(field.name)\"", file: context.file,
                path: context.path(of: "description"), diagnostics: context.diagnostics)
        }
        checkPlacement(field, context)
        FieldConstraintRules.check(field, context)
        RelationRules.check(field, context)
        FieldPresenceRules.check(field, context)
        FieldValueRules.check(field, context)
        if field.type == .array, let items = field.items?.value {
            check(items, context.nested(at: context.path(of: "items"), isArrayItems: true))
        }
        if field.type == .object, let members = field.fields {
            for member in members {
                let path = JSONPath.member(member.name, of: context.path(of: "fields"))
                check(member, context.nested(at: path, isArrayItems: false))
            }
        }
    }

    private static func checkPlacement(_ field: FieldSchema, _ context: FieldContext) {
        let type = field.type
        switch context.placement {
        case .tableField where type == .array || type == .object:
            context.error(
                .typeNotAllowed, at: "type",
                "type \"\(type.rawValue)\" is only allowed in endpoint bodies; use \"json\" for structured data "
                    + "in a table")
        case .pathParameter where !pathParameterTypes.contains(type):
            context.error(
                .typeNotAllowed, at: "type",
                "a path parameter cannot be \"\(type.rawValue)\"; use one of "
                    + pathParameterTypes.map(\.rawValue).joined(separator: ", "))
        case .queryParameter where !queryParameterTypes.contains(type):
            context.error(
                .typeNotAllowed, at: "type",
                "a query parameter cannot be \"\(type.rawValue)\"; use one of "
                    + queryParameterTypes.map(\.rawValue).joined(separator: ", ")
                    + " (structured input belongs in a request body)")
        case .bodyField where type == .relation:
            context.error(
                .typeNotAllowed, at: "type",
                "type \"relation\" is only allowed in table fields; reference a row in an endpoint body with "
                    + "\"uuid\" or \"integer\"")
        default:
            break
        }
    }
}
