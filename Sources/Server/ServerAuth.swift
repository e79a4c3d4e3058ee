import ArgumentParser
import Auth
import Foundation
import Logging
import Runtime

/// Mounting the `Auth` module on apps that have an `auth` section, shared by `serve`,
/// `migrate` and the tests.
enum ServerAuth {
    /// Starts the app's auth module on `database` (creating its tables), or returns `nil` when
    /// the app has no `auth` section. Mail goes to files in `$LOOM_MAIL_DIRECTORY` when it is
    /// set, else where `auth.mail` says (SMTP, files, the log), else to the log.
    ///
    /// `developmentSecretFile` is where a server on a SQLite file keeps a generated signing
    /// secret when the secret variable is unset, so `swift run loom-server` works out of the box
    /// and tokens survive restarts. One machine owns a SQLite file, so one file-held secret
    /// serves every process; on PostgreSQL several instances must share the secret, so there
    /// the caller passes `nil` and the variable is required.
    /// - Throws: `ValidationError` naming the fix when the signing secret is missing or short.
    static func start(
        app: GeneratedApp, database: any DatabaseClient, logger: Logger,
        environment: [String: String] = ProcessInfo.processInfo.environment, options: AuthOptions = .init(),
        developmentSecretFile: URL? = nil
    ) async throws -> AuthService? {
        guard let settings = app.auth else { return nil }
        var environment = environment
        if environment[settings.secretVariable].map({ $0.isEmpty }) ?? true, let file = developmentSecretFile {
            environment[settings.secretVariable] = try DevelopmentSecret.load(from: file, logger: logger, variable: settings.secretVariable)
        }
        var options = options
        do {
            if options.mailSender == nil {
                options.mailSender = try MailSenders.make(settings: settings.mail, environment: environment, logger: logger)
            }
            return try await AuthService.start(
                settings: settings, database: database, app: app.schema.app, environment: environment, options: options, logger: logger)
        } catch let error as AuthConfigurationError {
            throw ValidationError("cannot start the auth module of \(app.settings.name): \(error.message)")
        }
    }
}
