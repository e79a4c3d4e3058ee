extension WebhookRules {
    /// The type prefix the server keeps for its own events (`webhook.test`, sent by the test route).
    static let reservedEventPrefix = "webhook."

    /// Checks `webhooks.events`: each type is dotted lower-case `snake_case` words, neither a
    /// table event nor the server's own, its payload is fields or an existing table, and no two
    /// types make the same Swift name.
    static func checkEvents(_ webhooks: WebhooksConfig, app: AppSchema, report: Reporter) {
        var swiftNames: [String: String] = [:]
        let tableNames = Set(app.tables.map(\.name))
        let operations = Set(WebhookTableOperation.allCases.map(\.rawValue))
        for event in webhooks.events {
            let path = JSONPath.member(event.type, of: "webhooks.events")
            let words = event.type.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            if words.count < 2 || !words.allSatisfy(isEventWord) {
                report.eventType(
                    path, "\"\(event.type)\" is not an event type; use lower-case snake_case words joined by dots, e.g. \"generation.completed\"")
            } else if event.type.hasPrefix(reservedEventPrefix) {
                report.eventType(path, "\"\(event.type)\" starts with \"\(reservedEventPrefix)\", which the server keeps for its own events; rename it")
            } else if words.count == 2, tableNames.contains(words[0]), operations.contains(words[1]) {
                report.eventType(
                    path, "\"\(event.type)\" is a table event type of table \"\(words[0])\"; declare it in \"webhooks.tables\" or pick another name, "
                        + "e.g. \"\(words[0]).\(words[1])_custom\"")
            } else {
                let swiftName = event.swiftName
                if let other = swiftNames[swiftName] {
                    report.eventType(path, "\"\(event.type)\" and \"\(other)\" both become the Swift type \(swiftName); rename one")
                }
                swiftNames[swiftName] = event.type
            }
            TextRules.checkDescription(
                event.description, of: "event \"\(event.type)\"", file: report.file, path: JSONPath.member("description", of: path),
                diagnostics: report.diagnostics)
            checkPayload(event.payload, at: JSONPath.member("payload", of: path), app: app, report: report)
            if let target = event.target { checkTarget(target, of: event, at: JSONPath.member("target", of: path), webhooks: webhooks, report: report) }
        }
    }

    /// A target's header, schedule and jitter are in range, its flat body has no member named
    /// like the two it adds (`event`, `timestamp`), and no static subscription names its type
    /// (subscriptions never receive a targeted event).
    private static func checkTarget(
        _ target: WebhookTargetConfig, of event: WebhookCustomEventConfig, at path: String, webhooks: WebhooksConfig, report: Reporter
    ) {
        if target.signature.scheme == .hmacSHA256, !NameRules.isHeaderName(target.signature.header) {
            report.setting(JSONPath.member("header", of: JSONPath.member("signature", of: path)), "\"header\" must be an HTTP header name such as \"X-Webhook-Signature\"")
        }
        let schedulePath = JSONPath.member("retrySchedule", of: path)
        if target.retrySchedule.count > maximumRetries {
            report.setting(schedulePath, "\"retrySchedule\" holds \(target.retrySchedule.count) retries; at most \(maximumRetries) are allowed")
        }
        for (index, delay) in target.retrySchedule.enumerated() where delay < 1 || delay > maximumRetryDelaySeconds {
            report.setting(JSONPath.element(index, of: schedulePath), "each retry waits between 1 and \(maximumRetryDelaySeconds) seconds, found \(delay)")
        }
        if !(0...50).contains(target.jitterPercent) {
            report.setting(JSONPath.member("jitterPercent", of: path), "\"jitterPercent\" must be between 0 and 50, found \(target.jitterPercent)")
        }
        if target.body == .flat {
            if event.payload.table != nil {
                report.setting(JSONPath.member("body", of: path), "a flat body spreads the payload's fields; declare \"payload.fields\" or use \"body\": \"envelope\"")
            }
            for field in event.payload.fields where ["event", "timestamp"].contains(field.name) {
                report.setting(
                    JSONPath.member("body", of: path),
                    "a flat body adds \"event\" and \"timestamp\" itself; rename the payload field \"\(field.name)\" or use \"body\": \"envelope\"")
            }
        }
        for subscription in webhooks.subscriptions where subscription.events.contains(event.type) {
            report.eventType(
                JSONPath.member("events", of: JSONPath.member(subscription.name, of: "webhooks.subscriptions")),
                "\"\(event.type)\" is delivered to the target its emitter names, never to subscriptions; remove it from this subscription")
        }
    }

    private static func isEventWord(_ word: String) -> Bool {
        guard let first = word.first, first.isASCII, first.isLowercase else { return false }
        return word.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "_" }
    }

    private static func checkPayload(_ payload: WebhookEventPayloadConfig, at path: String, app: AppSchema, report: Reporter) {
        TextRules.checkDescription(
            payload.description, of: "the payload", file: report.file, path: JSONPath.member("description", of: path), diagnostics: report.diagnostics)
        if let table = payload.table {
            if !payload.fields.isEmpty {
                report.setting(path, "a payload is either \"fields\" or \"table\"; remove one")
            }
            _ = app.table(named: table, file: report.file, path: JSONPath.member("table", of: path), diagnostics: report.diagnostics)
            return
        }
        if payload.fields.isEmpty {
            report.setting(path, "declare the data: \"fields\" (as in a request body) or \"table\" (a table's record)")
        }
        FieldRules.check(
            payload.fields, at: JSONPath.member("fields", of: path), placement: .bodyField, app: app, file: report.file,
            diagnostics: report.diagnostics)
    }
}
