import ArgumentParser
import Foundation
import Logging
import Runtime

/// The frame of the commands that change an app's auth accounts (`create-admin`, `set-role`):
/// load the app, require its `auth` section, open (and close) its database, and turn the
/// command's refusal into one `error:` line and exit status 1.
struct AuthCommandRun<Refusal: Error> {
    /// The app and database options.
    let options: AppOptions
    /// What the app lacks without an `auth` section, e.g. "platform admins".
    let missing: String
    /// Start of the error line, e.g. "cannot set the role".
    let failure: String
    /// The refusal's message.
    let message: (Refusal) -> String

    /// Runs `work` on the open database and prints the line it returns.
    func run(_ work: (GeneratedApp, AuthSettings, any DatabaseClient) async throws -> String) async throws {
        let app = try AppCatalog.app(named: options.app)
        guard let settings = app.auth else {
            throw ValidationError("app \(app.schema.app) has no auth section, so it has no \(missing)")
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
