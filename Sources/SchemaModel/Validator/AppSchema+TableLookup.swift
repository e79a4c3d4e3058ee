extension AppSchema {
    /// The table `name` names, or `nil` after an `unknown-table` error at `path` of `file` that
    /// lists the app's tables (and the nearest name): how every rule resolves a table reference.
    func table(named name: String, file: String, path: String, diagnostics: DiagnosticCollector) -> TableSchema? {
        if let table = tables.first(where: { $0.name == name }) { return table }
        diagnostics.error(
            .unknownTable, file: file, path: path,
            "\"\(name)\" is not a table of the app; \(Suggestion.useOneOf(tables.map(\.name), for: name))")
        return nil
    }
}
