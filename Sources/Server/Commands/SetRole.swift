import ArgumentParser
import Auth
import Foundation
import Logging
import Runtime

/// `loom-server set-role EMAIL ROLE`: migrates the database, then gives a signed-up account an
/// app role of `auth.roles`. It bootstraps the first admin of an app whose sign-up hands out a
/// lesser `defaultRole` (EventFlow: `viewer`); no HTTP route changes app roles.
struct SetRole: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set-role",
        abstract: "Give a signed-up account an app role of auth.roles (migrating the database first), e.g. the first admin.")

    @OptionGroup var options: AppOptions

    @Argument(help: "The account's email address.")
    var email: String

    @Argument(help: "A role declared in the app's auth.roles.")
    var role: String

    func run() async throws {
        let logger = Logger(label: "loom")
        let app = try AppCatalog.app(named: options.app)
        guard let settings = app.auth else {
            throw ValidationError("app \(app.schema.app) has no auth section, so it has no roles")
        }
        let database = try await ServerDatabase.open(app: app, options: options, logger: logger)
        do {
            let id = try await AuthService.assignRole(email: email, role: role, settings: settings, database: database, app: app.schema.app)
            print("account \(email) (id \(id)) now has the role \(role) in \(options.databaseDescription)")
        } catch let error as RoleAssignmentError {
            try? await database.close()
            FileHandle.standardError.write(Data("error: cannot set the role: \(error.message)\n".utf8))
            throw ExitCode.failure
        } catch {
            try? await database.close()
            throw error
        }
        try await database.close()
    }
}
