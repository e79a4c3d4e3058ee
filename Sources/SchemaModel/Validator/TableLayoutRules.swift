/// Checks where a table is served and how its records are shaped: `path`, `routes`,
/// `envelopes`, `listParameters`, a `prefixed` key and `forbiddenAsNotFound`.
enum TableLayoutRules {
    /// Runs the rules on `table` of `app`.
    static func check(_ table: TableSchema, in app: AppSchema, diagnostics: DiagnosticCollector) {
        let file = table.file
        if let path = table.path {
            let parsed = EndpointPath(path, declared: true)
            for problem in parsed.problems { diagnostics.error(.invalidRoute, file: file, path: "path", problem) }
            if parsed.problems.isEmpty, !parsed.parameterNames.isEmpty {
                diagnostics.error(
                    .invalidRoute, file: file, path: "path",
                    "the table's \"path\" is its collection path and takes no parameter; write the table's own path such as \"/api/tables/\(table.name)/records\"")
            }
        }
        for key in TableRouteKey.allCases {
            guard let route = table.routes[key] else { continue }
            checkRoute(route, key: key, table: table, diagnostics: diagnostics)
        }
        if table.batchEnvelope(app.config) != nil, TableRoutes.exists(.batch, in: table), table.routes[.batch]?.isOff != true,
            !table.operations.contains(.create)
        {
            diagnostics.error(
                .invalidEnvelope, file: file, path: "operations",
                "\"envelopes.batch\" makes the batch route create-only, and the table has no create; add \"create\" to \"operations\" or set \"routes\": {\"batch\": false}")
        }
        checkPrimaryKey(table, diagnostics: diagnostics)
        checkEnvelopes(table, diagnostics: diagnostics)
        ListParameterRules.check(table, diagnostics: diagnostics)
        if table.forbiddenAsNotFound != nil, app.config.auth == nil {
            diagnostics.error(
                .accessNeedsAuth, file: file, path: "forbiddenAsNotFound",
                "\"forbiddenAsNotFound\" hides records from callers without permission, which needs an \"auth\" section in app.json")
        }
    }

    private static func checkRoute(_ route: RouteOverrideSchema, key: TableRouteKey, table: TableSchema, diagnostics: DiagnosticCollector) {
        let path = JSONPath.member(key.rawValue, of: "routes")
        if !TableRouteKey.allCases.contains(key) || !TableRoutes.exists(key, in: table) {
            let reason: String
            switch key {
            case .batch: reason = "the table exposes no write operation"
            case .upsert: reason = "the table has no \"upsertKey\" (with \"create\" and \"replace\")"
            case .restore: reason = "the table is not \"softDelete\" with \"delete\""
            default: reason = "\"\(key.rawValue)\" is not in the table's \"operations\"; add it there"
            }
            diagnostics.error(.invalidRoute, file: table.file, path: path, "the table has no \(key.rawValue) route to place: \(reason)")
            return
        }
        if route.isOff, key.operation != nil {
            diagnostics.error(
                .invalidRoute, file: table.file, path: path,
                "switch \"\(key.rawValue)\" off by removing it from \"operations\", which is where the table's operations are listed")
            return
        }
        if !route.members.isEmpty {
            diagnostics.error(
                .invalidRoute, file: table.file, path: JSONPath.member("members", of: path),
                "\"members\" renames auth body members; a table's members are its fields (see \"naming\")")
        }
        if route.method != nil {
            diagnostics.error(
                .invalidRoute, file: table.file, path: JSONPath.member("method", of: path),
                "\"method\" changes an auth or platform operation's method; a table's methods are those of its operations")
        }
        if route.status != nil || route.answer != nil {
            diagnostics.error(
                .invalidRoute, file: table.file, path: JSONPath.member(route.status != nil ? "status" : "answer", of: path),
                "\"status\" and \"answer\" change an auth, platform or system operation's success answer; a table's answers are its operations' own")
        }
        for (index, parsed) in RouteOverrideRules.checkPaths(route, at: path, file: table.file, diagnostics: diagnostics).enumerated() {
            let names = parsed.parameterNames
            let expected = key.addressesRecord ? ["id"] : []
            guard names != expected else { continue }
            let location = route.paths.count == 1 ? path : JSONPath.element(index, of: path)
            diagnostics.error(
                .invalidRoute, file: table.file, path: location,
                key.addressesRecord
                    ? "the \(key.rawValue) route addresses one record: its path must hold exactly one parameter, \"{id}\" (found \(names.isEmpty ? "none" : names.map { "{\($0)}" }.joined(separator: ", ")))"
                    : "the \(key.rawValue) route addresses the collection: its path takes no parameter")
        }
    }

    private static func checkPrimaryKey(_ table: TableSchema, diagnostics: DiagnosticCollector) {
        let key = table.primaryKey
        switch (key.type, key.prefix) {
        case (.prefixed, nil):
            diagnostics.error(
                .invalidPrimaryKey, file: table.file, path: "primaryKey.prefix",
                "a \"prefixed\" key needs \"prefix\", such as \"usr_\": keys are written as the prefix and 22 letters and digits")
        case (.prefixed, let prefix?):
            if !isValidPrefix(prefix) {
                diagnostics.error(
                    .invalidPrimaryKey, file: table.file, path: "primaryKey.prefix",
                    "prefix \(ValueText.quoted(prefix)) must be 1 to 16 lowercase letters or digits followed by \"_\", such as \"usr_\"")
            }
        case (_, .some):
            diagnostics.error(
                .invalidPrimaryKey, file: table.file, path: "primaryKey.prefix",
                "\"prefix\" applies to \"type\": \"prefixed\" keys only; remove it or set the type")
        case (_, nil):
            break
        }
    }

    /// `usr_`: lowercase letters and digits, starting with a letter, ending with `_`.
    static func isValidPrefix(_ prefix: String) -> Bool {
        guard prefix.hasSuffix("_"), prefix.count >= 2, prefix.count <= 17 else { return false }
        let body = prefix.dropLast().unicodeScalars
        guard let first = body.first, ("a"..."z").contains(first) else { return false }
        return body.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
    }

    private static func checkEnvelopes(_ table: TableSchema, diagnostics: DiagnosticCollector) {
        EnvelopeRules.check(table.envelopes, at: "envelopes", file: table.file, diagnostics: diagnostics)
        if !table.envelopes.families.isEmpty {
            diagnostics.error(
                .invalidEnvelope, file: table.file, path: "envelopes.families",
                "\"families\" belongs in app.json (it wraps the answers of the API key, audit and usage routes); remove it here")
        }
        let beside = [table.primaryKey.name] + (table.timestamps ? TableRules.timestampNames : []) + (table.softDelete ? ["deleted_at"] : [])
        if let nested = table.envelopes.record?.fields, beside.contains(nested) {
            diagnostics.error(
                .invalidEnvelope, file: table.file, path: "envelopes.record.fields",
                "fields cannot be nested under \(ValueText.quoted(nested)): the key or a timestamp is written under that name")
        }
    }
}
