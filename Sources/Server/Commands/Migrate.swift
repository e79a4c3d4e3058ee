import ArgumentParser
import Auth
import Logging
import Runtime
import Webhooks

/// `loom-server migrate`: bring the database schema up to date and print what was applied, or,
/// with `--status`, print what was applied earlier and what is pending without changing anything.
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create or update the database schema of the app, then exit (--status: only show applied and pending steps).")

    @OptionGroup var options: AppOptions

    @Flag(help: "Show the steps recorded in loom_migrations and the steps a migration would apply now; change nothing.")
    var status = false

    func run() async throws {
        let logger = Logger(label: "loom")
        let app = try AppCatalog.app(named: options.app)
        let database = try await ServerDatabase.connect(options: options, logger: logger)
        do {
            if status {
                try await printStatus(of: database, app: app)
            } else {
                let before = try await database.appliedMigrationSteps(app: app.schema.app).count
                _ = try await ServerDatabase.migrate(database, app: app, description: options.databaseDescription, logger: logger)
                let steps = try await database.appliedMigrationSteps(app: app.schema.app)
                for (number, step) in steps.enumerated().dropFirst(before) {
                    print("applied [\(number + 1)/\(steps.count)] \(step.step)")
                }
                if app.audit != nil {
                    for step in try await AuditTrail.migrate(database, app: app.schema.app) { print("applied \(step)") }
                }
                if app.settings.usage != nil {
                    for step in try await UsageService.migrate(database, app: app.schema.app) { print("applied \(step)") }
                }
                if app.settings.idempotency != nil {
                    for step in try await IdempotencyRecords.migrate(database, app: app.schema.app) { print("applied \(step)") }
                }
                if !app.incomingWebhooks.isEmpty {
                    for step in try await IncomingWebhookReceipts.migrate(database, app: app.schema.app) { print("applied \(step)") }
                }
                if app.webhooks != nil {
                    for step in try await WebhooksModule.migrate(database, app: app.schema.app) { print("applied \(step)") }
                }
                if app.settings.rateLimits?.tiers != nil {
                    for step in try await RateLimitTierDirectory.migrate(database, app: app.schema.app) { print("applied \(step)") }
                }
                if app.auth != nil {
                    for step in try await AuthService.migrate(database, app: app.schema.app) { print("applied \(step)") }
                }
                if app.settings.rateLimits != nil, let postgres = database as? PostgresDatabase {
                    // Shared counters live in PostgreSQL; a SQLite server counts in memory.
                    for step in try await postgres.migrate(to: RateLimitMigrations.schema(app: app.schema.app)).applied { print("applied \(step)") }
                }
                print("database \(options.databaseDescription) is up to date (\(steps.count) steps recorded)")
            }
        } catch {
            try? await database.close()
            throw error
        }
        try await database.close()
    }

    /// Prints the recorded history, then the pending steps (or why migrating would be refused).
    private func printStatus(of database: any DatabaseClient, app: GeneratedApp) async throws {
        let applied = try await database.appliedMigrationSteps(app: app.schema.app)
        print("database: \(options.databaseDescription) (\(database.dialect.rawValue)), app: \(app.schema.app)")
        print("applied steps: \(applied.count)")
        for step in applied {
            print("  \(step.appliedAt)  \(step.checksum)  \(step.step)")
        }
        do {
            let planned = try await database.plannedMigration(to: app.schema)
            print("pending steps: \(planned.applied.count)")
            for step in planned.applied { print("  \(step)") }
            for warning in planned.warnings { print("warning: \(warning)") }
            if app.auth != nil { try await printAuthStatus(of: database, app: app) }
        } catch let error as MigrationError {
            print("pending steps: migrating would be refused: \(error.message)")
            throw ExitCode(2)
        }
    }

    /// The auth module's steps, recorded in `loom_migrations` under `<app>.auth`.
    private func printAuthStatus(of database: any DatabaseClient, app: GeneratedApp) async throws {
        let authApp = AuthService.migrationApp(app.schema.app)
        let applied = try await database.appliedMigrationSteps(app: authApp)
        print("auth (\(authApp)) applied steps: \(applied.count)")
        for step in applied {
            print("  \(step.appliedAt)  \(step.checksum)  \(step.step)")
        }
        let planned = try await AuthService.plannedMigration(database, app: app.schema.app)
        print("auth (\(authApp)) pending steps: \(planned.count)")
        for step in planned { print("  \(step)") }
    }
}
