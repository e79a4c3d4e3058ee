import ArgumentParser
import Auth
import Foundation
import Runtime

/// `loom-server api-key`: API keys from the command line, for apps with `auth.apiKeys`.
struct APIKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api-key", abstract: "Manage API keys from the command line.", subcommands: [APIKeyCreate.self])
}

/// `loom-server api-key create --name NAME --scopes admin [--environment ENV] [--owner EMAIL]`:
/// migrates the database, then writes a key straight into it (no server needs to run, and no
/// account needs to exist) and prints it as the last line of standard output, so a fresh
/// install gets its first key with `KEY=$(loom-server api-key create ... | tail -1)`.
/// Without `--owner` the key is a service key of the app's service account, holding exactly the
/// scopes given (each one the app declares); with `--owner` it belongs to that signed-up account,
/// whose role must grant the scopes.
struct APIKeyCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Issue an API key (migrating the database first); prints the key as the last line.")

    @OptionGroup var options: AppOptions

    @Option(help: "Email of an account to own the key (its role must grant every scope, see set-role). Default: the app's service account.")
    var owner: String?

    @Option(help: "What the key is for.")
    var name: String

    @Option(help: "Comma-separated scopes, e.g. admin or users:read,users:write.")
    var scopes: String

    @Option(help: "An environment of auth.apiKeys.prefixes (e.g. live or test). Default: the first declared.")
    var environment: String?

    func run() async throws {
        let frame = AppCommandRun<AuthSettings, APIKeyCreationError>(options: options, section: .auth, missing: "API keys", failure: "cannot create the API key", message: \.message)
        let scopes = self.scopes.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        try await frame.run { app, settings, database in
            let created = try await AuthService.createAPIKey(
                owner: owner, name: name, scopes: scopes, environment: environment, settings: settings, database: database,
                app: app.schema.app, declaredScopes: Set(settings.apiKeys?.scopes ?? []))
            let holder = owner.map { "owned by \($0)" } ?? "of the service account"
            return "created API key \(created.id) \(holder) in \(options.databaseDescription)\n\(created.key)"
        }
    }
}
