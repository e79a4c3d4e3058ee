import ArgumentParser
import Foundation
import Logging
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
        let app = try AppCatalog.app(named: options.app)
        guard let settings = app.webhooks else {
            throw ValidationError("app \(app.schema.app) has no webhooks section, so it has no webhook outbox")
        }
        let database = try await ServerDatabase.open(app: app, options: options, logger: Logger(label: "loom"))
        do {
            _ = try await WebhooksModule.migrate(database, app: app.schema.app)
            let failed = try await SubscriptionRetirement(database: database, settings: settings).retire(name, at: Date())
            print("retired \"\(name)\": \(failed) pending deliveries failed in \(options.databaseDescription)")
        } catch let refusal as SubscriptionRetirement.Refusal {
            try? await database.close()
            FileHandle.standardError.write(Data("error: cannot retire \"\(name)\": \(refusal.message)\n".utf8))
            throw ExitCode.failure
        } catch {
            try? await database.close()
            throw error
        }
        try await database.close()
    }
}
