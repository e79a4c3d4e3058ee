import ArgumentParser
import Foundation
import Logging
import Runtime

/// Mounting the incoming webhook endpoints of an app (endpoints declaring `webhook`), shared by
/// `serve` and the tests: their secrets, the receipts table and its purge.
enum ServerIncomingWebhooks {
    /// Reads every declared secret variable from `environment` into `configuration`, creates
    /// `loom_webhook_receipts` and adds its purge; does nothing for an app without webhook endpoints.
    /// - Throws: `ValidationError` listing every unset or malformed secret: a server that cannot
    ///   verify a sender's messages does not start (the operator sees it at deploy time, not when
    ///   the first message is refused).
    static func mount(
        app: GeneratedApp, database: any DatabaseClient, on configuration: inout LoomServer.Configuration,
        environment: [String: String] = ProcessInfo.processInfo.environment, logger: Logger
    ) async throws {
        guard !app.incomingWebhooks.isEmpty else { return }
        try configure(app: app, on: &configuration, environment: environment)
        _ = try await IncomingWebhookReceipts.migrate(database, app: app.schema.app)
        configuration.services.append(IncomingWebhookReceipts(database: database).purgeService(logger: logger))
    }

    /// Puts the secrets of `app`'s webhook endpoints into `configuration`.
    /// - Throws: `ValidationError` naming each unset or malformed variable and its endpoint.
    static func configure(app: GeneratedApp, on configuration: inout LoomServer.Configuration, environment: [String: String]) throws {
        let problems = IncomingWebhook.configurationProblems(app.incomingWebhooks, environment: environment)
        guard problems.isEmpty else { throw ValidationError(problems.joined(separator: "\n")) }
        for webhook in app.incomingWebhooks {
            configuration.incomingWebhookSecrets[webhook.secretVariable] = environment[webhook.secretVariable]
        }
    }
}
