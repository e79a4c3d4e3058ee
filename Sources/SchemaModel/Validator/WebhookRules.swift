/// Checks the `webhooks` section of `app.json`: numbers in range, table events of existing
/// tables, tenant scoping only with organizations, and static subscriptions whose patterns
/// match declared events.
enum WebhookRules {
    /// Longest total delivery timeout (the b2b reference asks receivers to answer within 30 s).
    static let maximumTimeoutSeconds = 60
    /// Most retries a schedule may hold.
    static let maximumRetries = 20
    /// Longest wait before one retry (a week).
    static let maximumRetryDelaySeconds = 604_800

    /// Runs the rules on `app` (nothing when it has no `webhooks` section).
    static func check(_ app: AppSchema, diagnostics: DiagnosticCollector) {
        guard let webhooks = app.config.webhooks else { return }
        let report = Reporter(file: app.config.file, diagnostics: diagnostics)
        if webhooks.tenantScoped, app.config.auth?.organizationRoles == nil {
            report.setting(
                "webhooks.tenantScoped", "tenant-scoped events belong to organizations; declare \"auth.organizationRoles\" "
                    + "or set \"tenantScoped\": false")
        }
        checkSignature(webhooks.signature, report: report)
        checkDelivery(webhooks.delivery, report: report)
        checkTables(webhooks, app: app, report: report)
        checkEvents(webhooks, app: app, report: report)
        checkSubscriptions(webhooks, report: report)
        if let management = webhooks.management { checkManagement(management, app: app, report: report) }
        if webhooks.eventTypes.isEmpty {
            report.setting("webhooks", "the app declares no event; list table events in \"tables\", e.g. {\"tasks\": [\"created\"]}, or custom ones in \"events\"")
        }
    }

    /// Reports into `app.json`.
    struct Reporter {
        /// `app.json`.
        let file: String
        /// Where problems go.
        let diagnostics: DiagnosticCollector
        /// An out-of-range or contradictory setting.
        func setting(_ path: String, _ message: String) { diagnostics.error(.invalidWebhookSetting, file: file, path: path, message) }
        /// A pattern matching no event type.
        func eventType(_ path: String, _ message: String) { diagnostics.error(.invalidEventType, file: file, path: path, message) }
    }

    /// The management API needs callers (an `auth` section), a path of its own and a scope.
    private static func checkManagement(_ management: WebhookManagementConfig, app: AppSchema, report: Reporter) {
        for subscription in app.config.webhooks?.subscriptions ?? [] where subscription.name.hasPrefix(WebhookManagementConfig.reservedNamePrefix) {
            report.setting(
                JSONPath.member(subscription.name, of: "webhooks.subscriptions"),
                "names starting with \"\(WebhookManagementConfig.reservedNamePrefix)\" are the ids of subscriptions stored through the API; rename it")
        }
        if app.config.auth == nil {
            report.setting("webhooks.management", "the management API needs callers with a scope; declare an \"auth\" section")
        }
        let segments = management.path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        let literal = segments.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" } }
        if !management.path.hasPrefix("/") || segments.isEmpty || !literal {
            report.setting("webhooks.management.path", "\"path\" must be a literal path such as \"/v1/webhooks\", found \"\(management.path)\"")
        }
        if management.scope.isEmpty || management.scope.contains(where: { $0 == " " || $0 == "*" }) {
            report.setting("webhooks.management.scope", "\"scope\" must be a scope name such as \"webhooks:manage\"")
        }
        if !(60...maximumRetryDelaySeconds * 4).contains(management.maxRotationGraceSeconds) {
            report.setting(
                "webhooks.management.maxRotationGraceSeconds",
                "\"maxRotationGraceSeconds\" must be between 60 and \(maximumRetryDelaySeconds * 4), found \(management.maxRotationGraceSeconds)")
        }
    }

    private static func checkSignature(_ signature: WebhookSignatureConfig, report: Reporter) {
        guard signature.scheme == .hmacSHA256 else { return }
        if !NameRules.isHeaderName(signature.header) {
            report.setting("webhooks.signature.header", "\"header\" must be an HTTP header name such as \"X-Webhook-Signature\"")
        }
    }

    private static func checkDelivery(_ delivery: WebhookDeliveryConfig, report: Reporter) {
        let ranges: [(String, Int, ClosedRange<Int>)] = [
            ("timeoutSeconds", delivery.timeoutSeconds, 1...maximumTimeoutSeconds),
            ("connectTimeoutSeconds", delivery.connectTimeoutSeconds, 1...max(1, delivery.timeoutSeconds)),
            ("jitterPercent", delivery.jitterPercent, 0...50),
            ("maxConcurrencyPerEndpoint", delivery.maxConcurrencyPerEndpoint, 1...64),
            ("disableAfterFailingHours", delivery.disableAfterFailingHours, 1...8_760),
            ("retentionDays", delivery.retentionDays, 1...3_650),
        ]
        for (key, value, range) in ranges where !range.contains(value) {
            report.setting(
                "webhooks.delivery.\(key)", "\"\(key)\" must be between \(range.lowerBound) and \(range.upperBound), found \(value)")
        }
        if delivery.retrySchedule.count > maximumRetries {
            report.setting(
                "webhooks.delivery.retrySchedule", "\"retrySchedule\" holds \(delivery.retrySchedule.count) retries; at most \(maximumRetries) are allowed")
        }
        for (index, delay) in delivery.retrySchedule.enumerated() where delay < 1 || delay > maximumRetryDelaySeconds {
            report.setting(
                JSONPath.element(index, of: "webhooks.delivery.retrySchedule"),
                "each retry waits between 1 and \(maximumRetryDelaySeconds) seconds, found \(delay)")
        }
    }

    private static func checkTables(_ webhooks: WebhooksConfig, app: AppSchema, report: Reporter) {
        for entry in webhooks.tables {
            let path = JSONPath.member(entry.table, of: "webhooks.tables")
            guard let table = app.table(named: entry.table, file: report.file, path: path, diagnostics: report.diagnostics) else {
                continue
            }
            if entry.operations.isEmpty {
                report.setting(path, "list the changes that are events, e.g. [\"created\", \"updated\", \"deleted\"]")
            }
            if Set(entry.operations).count != entry.operations.count {
                report.setting(path, "an operation is listed twice")
            }
            if entry.operations.contains(.restored), !table.softDelete {
                report.setting(path, "table \"\(table.name)\" has no soft delete, so it is never restored; remove \"restored\"")
            }
        }
    }

    private static func checkSubscriptions(_ webhooks: WebhooksConfig, report: Reporter) {
        let types = webhooks.eventTypes
        for subscription in webhooks.subscriptions {
            let path = JSONPath.member(subscription.name, of: "webhooks.subscriptions")
            NameRules.check(subscription.name, what: "subscription name", file: report.file, path: path, diagnostics: report.diagnostics)
            TextRules.checkDescription(
                subscription.description, of: "subscription \"\(subscription.name)\"", file: report.file,
                path: JSONPath.member("description", of: path), diagnostics: report.diagnostics)
            for key in ["urlEnv", "secretEnv"] {
                let value = key == "urlEnv" ? subscription.urlEnv : subscription.secretEnv
                if !AuthRules.isEnvironmentVariableName(value) {
                    report.setting(
                        JSONPath.member(key, of: path), "\"\(key)\" must name an environment variable (A-Z, 0-9 and _), e.g. \"BILLING_WEBHOOK_URL\"")
                }
            }
            if subscription.events.isEmpty { report.eventType(JSONPath.member("events", of: path), "list the event types it receives, e.g. [\"*\"]") }
            for (index, pattern) in subscription.events.enumerated() where !types.contains(where: { WebhookStaticSubscriptionConfig.pattern(pattern, matches: $0) }) {
                report.eventType(
                    JSONPath.element(index, of: JSONPath.member("events", of: path)),
                    "\"\(pattern)\" matches no event type of the app; use \"*\", \"<prefix>.*\" or one of \(types.joined(separator: ", "))")
            }
        }
    }
}
