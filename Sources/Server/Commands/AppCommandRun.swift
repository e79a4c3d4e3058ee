import ArgumentParser
import Foundation
import Logging
import Runtime

/// The frame of the commands that change an app's data through one of its sections
/// (`create-admin`, `set-role` and `api-key create` need `auth`; `webhooks retire` needs
/// `webhooks`): load the app, require the section, open (and close) its database, and turn the
/// command's refusal into one `error:` line and exit status 1.
struct AppCommandRun<Section, Refusal: Error> {
    /// The app and database options.
    let options: AppOptions
    /// The section the command needs.
    let section: AppSection<Section>
    /// What the app lacks without the section, e.g. "platform admins".
    let missing: String
    /// Start of the error line, e.g. "cannot set the role".
    let failure: String
    /// The refusal's message.
    let message: (Refusal) -> String

    /// Runs `work` on the open database and prints the line it returns.
    func run(_ work: (GeneratedApp, Section, any DatabaseClient) async throws -> String) async throws {
        let app = try AppCatalog.app(named: options.app)
        guard let settings = app[keyPath: section.keyPath] else {
            throw ValidationError("app \(app.schema.app) has no \(section.name) section, so it has no \(missing)")
        }
        let database = try await ServerDatabase.open(app: app, options: options, logger: Logger(label: "loom"))
        do {
            print(try await work(app, settings, database))
        } catch let error as Refusal {
            try? await database.close()
            FileHandle.standardError.write(Data("error: \(failure): \(message(error))\n".utf8))
            throw ExitCode.failure
        } catch {
            try? await database.close()
            throw error
        }
        try await database.close()
    }
}

/// A section of `app.json` a command needs: where the generated app holds it, and its name.
struct AppSection<Value> {
    /// The section in the generated app (`nil` when the app has none).
    let keyPath: KeyPath<GeneratedApp, Value?>
    /// Its name in `app.json`, e.g. "auth".
    let name: String
}

extension AppSection where Value == AuthSettings {
    /// `auth`: accounts, roles and API keys.
    static var auth: Self { Self(keyPath: \.auth, name: "auth") }
}

extension AppSection where Value == WebhookSettings {
    /// `webhooks`: the outbox.
    static var webhooks: Self { Self(keyPath: \.webhooks, name: "webhooks") }
}
