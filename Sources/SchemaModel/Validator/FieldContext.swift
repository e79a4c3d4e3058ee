/// Where a field is declared, which decides the types and flags it may use, plus what the
/// field rules need to report problems.
struct FieldContext {
    /// The kind of declaration a field belongs to.
    enum Placement: Sendable, Hashable {
        /// A column of a table.
        case tableField
        /// A `{name}` segment of an endpoint path.
        case pathParameter
        /// A query parameter of an endpoint.
        case queryParameter
        /// A member of an endpoint's request or response body, at any depth.
        case bodyField

        /// How a field in this placement is named in messages.
        var noun: String {
            switch self {
            case .tableField: return "field"
            case .pathParameter: return "path parameter"
            case .queryParameter: return "query parameter"
            case .bodyField: return "body field"
            }
        }
    }

    /// Where the field is declared.
    let placement: Placement
    /// The app the field belongs to (relations resolve against its tables).
    let app: AppSchema
    /// File of the declaration.
    let file: String
    /// JSON path of the field object, e.g. `fields.email` or `response.fields.items.items`.
    let path: String
    /// Whether the field is an array's `items` rather than a named field.
    let isArrayItems: Bool
    /// Where problems are reported.
    let diagnostics: DiagnosticCollector

    /// The JSON path of `key` inside the field object.
    func path(of key: String) -> String { JSONPath.member(key, of: path) }

    /// Reports an error at `key` of the field object, or at the field itself when `key` is `nil`.
    func error(_ code: SchemaDiagnosticCode, at key: String?, _ message: String) {
        diagnostics.error(code, file: file, path: key.map(path(of:)) ?? path, message)
    }

    /// The context of a field nested in this one (an array's items or an object's fields).
    func nested(at path: String, isArrayItems: Bool) -> FieldContext {
        FieldContext(
            placement: placement, app: app, file: file, path: path, isArrayItems: isArrayItems, diagnostics: diagnostics
        )
    }
}
