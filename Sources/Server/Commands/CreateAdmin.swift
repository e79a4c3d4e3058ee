import ArgumentParser
import Auth
import Foundation
import Runtime

/// `loom-server create-admin EMAIL PASSWORD NAME`: migrates the database, then creates a
/// platform admin (the first one cannot be created over HTTP). Exits non-zero, saying why, when
/// the email is taken, a value breaks a rule, or the app declares no `auth.platformAdmins`.
struct CreateAdmin: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create-admin",
        abstract: "Create a platform admin (migrating the database first); the app must declare auth.platformAdmins.")

    @OptionGroup var options: AppOptions

    @Argument(help: "The admin's email address.")
    var email: String

    @Argument(help: "The admin's password (the app's minimum length, at most 72 bytes).")
    var password: String

    @Argument(help: "The admin's display name.")
    var name: String

    func run() async throws {
        let frame = AppCommandRun<AuthSettings, PlatformAdminCreationError>(
            options: options, section: .auth, missing: "platform admins", failure: "cannot create the platform admin", message: \.message)
        try await frame.run { app, settings, database in
            let created = try await Self.create(email: email, password: password, name: name, settings: settings, app: app, database: database)
            return "created platform admin \(created.email) (id \(created.id)) in \(options.databaseDescription)"
        }
    }

    /// The command's work on an open, migrated database (tests call it in-process).
    /// - Throws: `PlatformAdminCreationError`, `MigrationError`.
    static func create(
        email: String, password: String, name: String, settings: AuthSettings, app: GeneratedApp, database: any DatabaseClient,
        passwordHashCost: Int? = nil
    ) async throws -> (id: String, email: String) {
        try await AuthService.createPlatformAdmin(
            email: email, password: password, name: name, settings: settings, database: database, app: app.schema.app,
            passwordHashCost: passwordHashCost)
    }
}
