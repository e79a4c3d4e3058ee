/// Checks an app's `app.json`: name, texts, base path and limits, and that the app declares
/// something to serve.
enum AppRules {
    /// Runs the app rules on `app`.
    static func check(_ app: AppSchema, diagnostics: DiagnosticCollector) {
        let config = app.config
        let file = config.file
        NameRules.check(config.name, what: "app name", file: file, path: "name", diagnostics: diagnostics)
        NameRules.checkMatch(
            declared: config.name, expected: directoryName(of: file), what: "app name", fix: "its directory name",
            file: file, path: "name", diagnostics: diagnostics)
        TextRules.checkNonEmpty(
            config.title, key: "title", hint: "give the API a human title such as \"Tasks API\"", file: file,
            path: "title", diagnostics: diagnostics)
        TextRules.checkNonEmpty(
            config.version, key: "version", hint: "give the API a version such as \"1.0.0\"", file: file,
            path: "version", diagnostics: diagnostics)
        TextRules.checkDescription(
            config.description, of: "app \"\(config.name)\"", file: file, path: "description", diagnostics: diagnostics)
        if !isValidBasePath(config.basePath) {
            diagnostics.error(
                .invalidBasePath, file: file, path: "basePath",
                "base path \(ValueText.quoted(config.basePath)) must look like \"/v1\" or \"/api/v1\": one or more "
                    + "segments of a-z, 0-9, _ and -, each after a \"/\", with no trailing \"/\"")
        }
        checkLimits(config.limits, file: file, diagnostics: diagnostics)
        if config.security.hstsMaxAge <= 0 {
            diagnostics.error(
                .invalidLimit, file: file, path: "security.hstsMaxAge",
                "\"hstsMaxAge\" must be greater than 0, found \(config.security.hstsMaxAge)")
        }
        if app.tables.isEmpty, app.endpoints.isEmpty {
            let directory = directoryName(of: file)
            diagnostics.error(
                .emptyApp, file: file, path: "",
                "app \"\(config.name)\" declares no tables or endpoints; add a file under Schemas/\(directory)/tables/ "
                    + "or Schemas/\(directory)/endpoints/")
        }
    }

    /// Whether `path` matches `^(/[a-z0-9_-]+)+$`.
    static func isValidBasePath(_ path: String) -> Bool {
        guard path.hasPrefix("/") else { return false }
        let segments = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
        return segments.allSatisfy { segment in
            !segment.isEmpty
                && segment.unicodeScalars.allSatisfy {
                    ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
                }
        }
    }

    /// `tasks` for `Schemas/tasks/app.json`.
    static func directoryName(of file: String) -> String {
        let components = file.split(separator: "/")
        return components.count >= 2 ? String(components[components.count - 2]) : ""
    }

    private static func checkLimits(_ limits: LimitsSchema, file: String, diagnostics: DiagnosticCollector) {
        let values = [
            ("maxBodyBytes", limits.maxBodyBytes), ("defaultPageSize", limits.defaultPageSize),
            ("maxPageSize", limits.maxPageSize), ("maxBatchSize", limits.maxBatchSize),
            ("maxURLBytes", limits.maxURLBytes), ("maxHeaderBytes", limits.maxHeaderBytes),
            ("maxQueryParameters", limits.maxQueryParameters), ("timeoutSeconds", limits.timeoutSeconds),
            ("batchTimeoutSeconds", limits.batchTimeoutSeconds),
        ]
        for (key, value) in values where value <= 0 {
            diagnostics.error(
                .invalidLimit, file: file, path: JSONPath.member(key, of: "limits"),
                "\"\(key)\" must be greater than 0, found \(value)")
        }
        if limits.defaultPageSize > limits.maxPageSize {
            diagnostics.error(
                .invalidLimit, file: file, path: "limits.defaultPageSize",
                "\"defaultPageSize\" (\(limits.defaultPageSize)) is greater than \"maxPageSize\" "
                    + "(\(limits.maxPageSize)); lower it or raise \"maxPageSize\"")
        }
    }
}
