/// Checks the `usage` section of `app.json`: an app counting usage has an `auth` section
/// (usage is counted per API key and organization, and reading it needs a scope), a retention
/// in range, and a fixed path under the base path.
enum UsageRules {
    /// Longest retention (ten years).
    static let maximumRetentionDays = 3650

    /// Runs the rules on `app` (nothing when it has no `usage` section).
    static func check(_ app: AppSchema, diagnostics: DiagnosticCollector) {
        guard let usage = app.config.usage else { return }
        let file = app.config.file
        if app.config.auth == nil {
            diagnostics.error(
                .invalidUsage, file: file, path: "usage",
                "usage statistics need an \"auth\" section: they are counted per API key and organization, and reading them needs the usage:read scope")
        }
        if !(1...maximumRetentionDays).contains(usage.retentionDays) {
            diagnostics.error(.invalidUsage, file: file, path: "usage.retentionDays", "must be from 1 to \(maximumRetentionDays) days")
        }
        if !FixedRoutePath.isValid(usage.path) {
            diagnostics.error(.invalidUsage, file: file, path: "usage.path", FixedRoutePath.problem(usage.path, example: "/admin/usage"))
        }
    }
}
