import SchemaModel

/// Writes an app's `webhooks` section as the arguments of `Runtime`'s `WebhookSettings(...)`,
/// in a fixed order so regenerating gives identical output.
enum WebhookTranslator {
    /// Indentation of continuation lines inside the generated initializer call.
    static let indent = "        "

    /// The argument lines of `WebhookSettings(...)`; the template adds the commas.
    static func arguments(for webhooks: WebhooksConfig) -> [ListItem] {
        let delivery = webhooks.delivery
        var lines = [
            "tenantScoped: \(webhooks.tenantScoped)",
            "signature: \(signature(webhooks.signature))",
            "delivery: .init(\n" + indent + "    timeoutSeconds: \(delivery.timeoutSeconds), connectTimeoutSeconds: \(delivery.connectTimeoutSeconds),\n"
                + indent + "    retrySchedule: [\(delivery.retrySchedule.map(String.init).joined(separator: ", "))], jitterPercent: \(delivery.jitterPercent),\n"
                + indent + "    maxConcurrencyPerEndpoint: \(delivery.maxConcurrencyPerEndpoint), disableAfterFailingHours: \(delivery.disableAfterFailingHours),\n"
                + indent + "    retentionDays: \(delivery.retentionDays)\n"
                + indent + ")",
        ]
        var events = "events: ["
        for entry in webhooks.tables {
            for operation in entry.operations {
                let type = "\(entry.table).\(operation.rawValue)"
                events += "\n" + indent + "    .init(type: \(SwiftNames.literal(type)), description: \(SwiftNames.literal(WebhookEventText.description(entry.table, operation))), "
                    + "table: \(SwiftNames.literal(entry.table)), operation: .\(operation.rawValue)),"
            }
        }
        lines.append(events + "\n" + indent + "]")
        if !webhooks.events.isEmpty {
            var text = "customEvents: ["
            for event in webhooks.events {
                text += "\n" + indent + "    .init(type: \(SwiftNames.literal(event.type)), description: \(SwiftNames.literal(event.description))"
                if let target = event.target {
                    text += ",\n" + indent + "        target: .init(\n" + indent + "            signature: \(signature(target.signature)), "
                        + "retrySchedule: [\(target.retrySchedule.map(String.init).joined(separator: ", "))],\n"
                        + indent + "            jitterPercent: \(target.jitterPercent), body: .\(target.body.rawValue)\n" + indent + "        )\n" + indent + "    "
                }
                text += "),"
            }
            lines.append(text + "\n" + indent + "]")
        }
        if !webhooks.subscriptions.isEmpty {
            var text = "subscriptions: ["
            for subscription in webhooks.subscriptions {
                text += "\n" + indent + "    .init(\n" + indent + "        name: \(SwiftNames.literal(subscription.name)), description: \(SwiftNames.literal(subscription.description)),\n"
                    + indent + "        urlVariable: \(SwiftNames.literal(subscription.urlEnv)), secretVariable: \(SwiftNames.literal(subscription.secretEnv)),\n"
                    + indent + "        events: [\(subscription.events.map(SwiftNames.literal).joined(separator: ", "))]\n" + indent + "    ),"
            }
            lines.append(text + "\n" + indent + "]")
        }
        if let management = webhooks.management {
            lines.append(
                "management: .init(path: \(SwiftNames.literal(management.path)), scope: \(SwiftNames.literal(management.scope)), "
                    + "maxRotationGraceSeconds: \(management.maxRotationGraceSeconds)" + Self.managementRoutes(management.routes) + ")")
        }
        if webhooks.payload != .envelope { lines.append("payload: .\(webhooks.payload.rawValue)") }
        return lines.listItems { $0 }
    }

    /// `, routes: [...]` of `WebhookSettings.Management`, in key order; empty when nothing is moved.
    static func managementRoutes(_ routes: [String: [String]]) -> String {
        guard !routes.isEmpty else { return "" }
        let entries = routes.sorted { $0.key < $1.key }.map { key, paths in
            "\(SwiftNames.literal(key)): [" + paths.map(SwiftNames.literal).joined(separator: ", ") + "]"
        }
        return ", routes: [" + entries.joined(separator: ", ") + "]"
    }

    /// `WebhookSettings.Signature` as Swift.
    private static func signature(_ signature: WebhookSignatureConfig) -> String {
        switch signature.scheme {
        case .standardWebhooks: return ".standardWebhooks"
        case .hmacSHA256: return ".hmacSHA256(header: \(SwiftNames.literal(signature.header)))"
        }
    }
}
