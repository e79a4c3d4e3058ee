import Foundation
import Logging

/// The ids of incoming webhook messages already handled, in `loom_webhook_receipts` (one row per
/// endpoint and message id, with the time it was received), shared by every instance on one
/// database. Recorded in `loom_migrations` as the app `<app>.webhook_receipts`.
///
/// A message's id is written in the transaction of its handler's first write through
/// `HandlerContext.store(_:)` (`IncomingWebhookReceipt`), or alone after a handler that wrote
/// nothing through a store. Rows older than `retention` are purged by `purgeService`.
public struct IncomingWebhookReceipts: Sendable {
    /// The app's database.
    let database: any DatabaseClient
    /// How long ids are kept: at least a day, so a sender's retries (hours apart) are recognised.
    public static let retention: Duration = .seconds(24 * 3600)

    /// Creates the store of `database`.
    public init(database: any DatabaseClient) {
        self.database = database
    }

    /// Creates or updates `loom_webhook_receipts`.
    public static func migrate(_ database: any DatabaseClient, app: String) async throws -> [String] {
        try await database.migrate(to: schema(app: app)).applied.map { "webhook receipts migration \($0)" }
    }

    /// The table's migrations, the same on both engines.
    static func schema(app: String) -> SchemaDefinition {
        let statements = [
            """
            CREATE TABLE loom_webhook_receipts (endpoint TEXT NOT NULL, message_id TEXT NOT NULL, \
            received_at BIGINT NOT NULL, PRIMARY KEY (endpoint, message_id))
            """,
            "CREATE INDEX loom_webhook_receipts_received ON loom_webhook_receipts (received_at)",
        ]
        return SchemaDefinition(
            app: app + ".webhook_receipts",
            migrations: [SchemaMigration(version: 1, name: "webhook_receipts", sqlite: statements, postgres: statements, sqliteForeignKeysOff: false)])
    }

    /// Whether `messageID` was already handled at `endpoint`.
    func contains(endpoint: String, messageID: String) async throws -> Bool {
        var placeholders = PlaceholderSequence(dialect: database.dialect)
        let statement = SQLStatement(
            "SELECT 1 FROM loom_webhook_receipts WHERE endpoint = \(placeholders.next()) AND message_id = \(placeholders.next())",
            [.text(endpoint), .text(messageID)])
        return try await !database.fetch(statement).isEmpty
    }

    /// The insert of one receipt; it changes no row when the id is already recorded.
    static func insert(endpoint: String, messageID: String, receivedAt: Date, dialect: SQLDialect) -> SQLStatement {
        var placeholders = PlaceholderSequence(dialect: dialect)
        let values = placeholders.list(3)
        return SQLStatement(
            "INSERT INTO loom_webhook_receipts (endpoint, message_id, received_at) VALUES (\(values)) ON CONFLICT DO NOTHING",
            [.text(endpoint), .text(messageID), .integer(Int64(receivedAt.timeIntervalSince1970 * 1000))])
    }

    /// Deletes the receipts received before `now - retention`; returns how many.
    public func purge(now: Date = Date()) async throws -> Int {
        let cutoff = Int64((now.timeIntervalSince1970 - Double(Self.retention.components.seconds)) * 1000)
        var placeholders = PlaceholderSequence(dialect: database.dialect)
        let statement = SQLStatement("DELETE FROM loom_webhook_receipts WHERE received_at < \(placeholders.next())", [.integer(cutoff)])
        return try await database.write([statement]).first?.changes ?? 0
    }

    /// Purges every `interval` until graceful shutdown; goes into `LoomServer.Configuration.services`.
    public func purgeService(interval: Duration = .seconds(3600), logger: Logger) -> PeriodicPurge {
        PeriodicPurge(rows: "incoming webhook receipts", interval: interval, logger: logger) { try await self.purge() }
    }
}
