import ArgumentParser
import Auth
import Runtime

/// `loom-server api-key`: API keys from the command line, for apps with `auth.apiKeys`.
struct APIKeyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "api-key", abstract: "Manage API keys from the command line.", subcommands: [APIKeyCreate.self])
}

/// `loom-server api-key create --owner EMAIL --name NAME --scopes admin [--environment ENV]`:
/// migrates the database, then issues a key owned by a signed-up account (whose role must grant
/// the scopes) and prints it as the last line of standard output, so a fresh install gets its
/// first key without an HTTP call: `KEY=$(loom-server api-key create ... | tail -1)`.
struct APIKeyCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Issue an API key owned by an account (migrating the database first); prints the key as the last line.")

    @OptionGroup var options: AppOptions

    @Option(help: "Email of the account that owns the key; its role must grant every scope (see set-role).")
    var owner: String

    @Option(help: "What the key is for.")
    var name: String

    @Option(help: "Comma-separated scopes, e.g. admin or users:read,users:write.")
    var scopes: String

    @Option(help: "An environment of auth.apiKeys.prefixes (e.g. live or test). Default: the first declared.")
    var environment: String?

    func run() async throws {
        let frame = AuthCommandRun<APIKeyCreationError>(options: options, missing: "API keys", failure: "cannot create the API key", message: \.message)
        let scopes = self.scopes.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        try await frame.run { app, settings, database in
            let created = try await AuthService.createAPIKey(
                owner: owner, name: name, scopes: scopes, environment: environment, settings: settings, database: database,
                app: app.schema.app)
            return "created API key \(created.id) owned by \(owner) in \(options.databaseDescription)\n\(created.key)"
        }
    }
}
