/// Checks the `audit` section of `app.json`: an app with an audit trail has an `auth` section
/// (events name who acted, and reading them needs a scope), and the numbers are in range.
enum AuditRules {
    /// Longest retention (ten years).
    static let maximumRetentionDays = 3650
    /// Longest pause between purges (a day).
    static let maximumPurgeIntervalSeconds = 86_400

    /// Runs the rules on `app` (nothing when it has no `audit` section).
    static func check(_ app: AppSchema, diagnostics: DiagnosticCollector) {
        guard let audit = app.config.audit else { return }
        let file = app.config.file
        if app.config.auth == nil {
            diagnostics.error(
                .invalidAuditSetting, file: file, path: "audit",
                "an audit trail needs an \"auth\" section: events name who acted, and reading them needs the audit:read scope")
        }
        if !(1...maximumRetentionDays).contains(audit.retentionDays) {
            diagnostics.error(
                .invalidAuditSetting, file: file, path: "audit.retentionDays", "must be from 1 to \(maximumRetentionDays) days")
        }
        if !(1...maximumPurgeIntervalSeconds).contains(audit.purgeIntervalSeconds) {
            diagnostics.error(
                .invalidAuditSetting, file: file, path: "audit.purgeIntervalSeconds",
                "must be from 1 to \(maximumPurgeIntervalSeconds) seconds")
        }
    }
}
