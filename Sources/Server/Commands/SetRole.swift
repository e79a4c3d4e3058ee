import ArgumentParser
import Auth
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
        let frame = AppCommandRun<AuthSettings, RoleAssignmentError>(options: options, section: .auth, missing: "roles", failure: "cannot set the role", message: \.message)
        try await frame.run { app, settings, database in
            let id = try await AuthService.assignRole(email: email, role: role, settings: settings, database: database, app: app.schema.app)
            return "account \(email) (id \(id)) now has the role \(role) in \(options.databaseDescription)"
        }
    }
}
