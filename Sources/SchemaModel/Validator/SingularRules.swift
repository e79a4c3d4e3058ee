import Foundation

/// Rules for the name of one record (`singular`): it is `snake_case`, it exists (declared, or
/// derivable by `SingularName`'s rule), and no two tables of an app share it, because operation
/// ids (`getProject`) and component names (`ProjectCreate`) are made from it.
enum SingularRules {
    /// Checks every table of `app`.
    static func check(_ app: AppSchema, diagnostics: DiagnosticCollector) {
        var owners: [String: String] = [:]
        for table in app.tables {
            if let declared = table.singular {
                NameRules.check(declared, what: "singular", file: table.file, path: "singular", diagnostics: diagnostics)
            } else if SingularName.derived(from: table.name) == nil {
                diagnostics.error(
                    .invalidSingular, file: table.file, path: "name",
                    "the name of one \"\(table.name)\" record cannot be derived: a name ending in \"ss\", \"us\" or \"is\" may "
                        + "already be singular, and one ending in \"uses\" or \"ches\" loses \"es\" or \"s\" by word; "
                        + "declare it, e.g. \"singular\": \"\(table.name)\"")
                continue
            }
            // Component names drop underscores and case (`a_b` and `ab` both give one client class).
            let key = table.singularName.replacingOccurrences(of: "_", with: "").lowercased()
            if let other = owners[key] {
                diagnostics.error(
                    .invalidSingular, file: table.file, path: table.singular == nil ? "name" : "singular",
                    "one \"\(table.name)\" record and one \"\(other)\" record are both named \"\(table.singularName)\" "
                        + "in operation ids and OpenAPI components; declare a distinct \"singular\" on one of them")
            } else {
                owners[key] = table.name
            }
        }
    }
}
