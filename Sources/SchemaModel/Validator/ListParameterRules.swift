/// Checks a table's `listParameters`: each names a field the list may filter on and takes a
/// name no other query parameter of the list has.
enum ListParameterRules {
    /// The reserved list parameters as either naming spells them (`include_deleted`,
    /// `includeDeleted`): a parameter named either way would be shadowed in one of them.
    static let reservedSpellings: Set<String> = TableRules.listParameterNames.union(TableRules.listParameterNames.map { name in
        let words = name.split(separator: "_")
        return (words.first.map(String.init) ?? "") + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    })

    /// Runs the rules on `table`.
    static func check(_ table: TableSchema, diagnostics: DiagnosticCollector) {
        let filterable = Set(table.fields.filter(Self.isComparable).map(\.name))
        let serverOwned = [table.primaryKey.name] + (table.timestamps ? TableRules.timestampNames : []) + (table.softDelete ? ["deleted_at"] : [])
        var seen: Set<String> = []
        for parameter in table.listParameters {
            let path = JSONPath.member(parameter.name, of: "listParameters")
            if !EnvelopeRules.isMemberName(parameter.name) {
                diagnostics.error(
                    .invalidListParameter, file: table.file, path: path,
                    "query parameter name \(ValueText.quoted(parameter.name)) must be a letter or _ followed by letters, digits or _")
            } else if Self.reservedSpellings.contains(parameter.name) || filterable.contains(parameter.name) {
                diagnostics.error(
                    .invalidListParameter, file: table.file, path: path,
                    "\"\(parameter.name)\" is already a query parameter of the list (paging, the query language or a field's equality shorthand); choose another name")
            }
            if !seen.insert(parameter.name).inserted { continue }
            if !filterable.contains(parameter.field), !serverOwned.contains(parameter.field) {
                let allowed = (serverOwned + table.fields.filter(Self.isComparable).map(\.name)).map { "\"\($0)\"" }
                diagnostics.error(
                    .invalidListParameter, file: table.file, path: JSONPath.member("field", of: path),
                    "\(ValueText.quoted(parameter.field)) is not a field the list can compare; use one of \(allowed.joined(separator: ", "))")
            }
            TextRules.checkDescription(
                parameter.description, of: "list parameter \"\(parameter.name)\"", file: table.file,
                path: JSONPath.member("description", of: path), diagnostics: diagnostics)
        }
    }

    /// Scalar fields a list filters on (not text, JSON, write-only or `filterable: false`).
    static func isComparable(_ field: FieldSchema) -> Bool {
        ![.text, .json, .array, .object].contains(field.type) && !field.writeOnly && field.filterable
    }
}
