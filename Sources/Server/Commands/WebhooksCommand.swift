import ArgumentParser
import Foundation
import Runtime
import Webhooks

/// `loom-server webhooks`: the outbox from the command line, for apps with a `webhooks` section.
struct WebhooksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhooks", abstract: "Manage the webhook outbox from the command line.", subcommands: [WebhooksRetire.self])
}

/// `loom-server webhooks retire NAME`: after a static subscription was removed from `app.json`
/// and no instance runs a configuration that still has it, fails its pending deliveries (the
/// delivery service names such subscriptions in a warning at start-up), so their messages are
/// purged with the rest (`SubscriptionRetirement`). Migrates the database first, as the other
/// commands do.
struct WebhooksRetire: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "retire",
        abstract: "Fail the pending deliveries of a static subscription removed from app.json, so its messages can be purged.")

    @OptionGroup var options: AppOptions

    @Argument(help: "The removed subscription's name, as the start-up warning gives it.")
    var name: String

    func run() async throws {
        let frame = AppCommandRun<WebhookSettings, SubscriptionRetirement.Refusal>(
            options: options, section: .webhooks, missing: "webhook outbox",
            failure: "cannot retire \"\(name)\"", message: \.message)
        try await frame.run { app, settings, database in
            _ = try await WebhooksModule.migrate(database, app: app.schema.app)
            let failed = try await SubscriptionRetirement(database: database, settings: settings).retire(name, at: Date())
            return "retired \"\(name)\": \(failed) pending deliveries failed in \(options.databaseDescription)"
        }
    }
}
