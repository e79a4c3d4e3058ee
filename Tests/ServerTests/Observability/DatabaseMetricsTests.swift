import Foundation
import Runtime
import Testing

@testable import Server

/// The database metrics (issue 14): each write's wait before its transaction began and each
/// transaction's number of writes (SQLite's group commit; one on PostgreSQL), reported by the
/// database to `RequestMetrics` once `ServerMetrics.mount` wires them. Runs on the suite's engine.
@Suite("Database metrics")
struct DatabaseMetricsTests {
    @Test("every write's wait is recorded, and the batch sizes add up to the writes")
    func writesMeasured() async throws {
        try await TestDatabase.withMigratedApp("tracker") { database, app in
            let client = database.client
            _ = try await client.write([SQLStatement("CREATE TABLE metric_probe (n BIGINT NOT NULL)")])
            var configuration = LoomServer.Configuration(port: 0)
            ServerMetrics.mount(app: app, database: client, on: &configuration, logger: TestDatabase.logger)
            let metrics = try #require(configuration.metrics, "the tracker declares metrics")
            try await withThrowingTaskGroup(of: Void.self) { group in
                for n in 0..<24 {
                    group.addTask {
                        var placeholders = PlaceholderSequence(dialect: client.dialect)
                        _ = try await client.write([SQLStatement("INSERT INTO metric_probe (n) VALUES (\(placeholders.next()))", [.integer(Int64(n))])])
                    }
                }
                try await group.waitForAll()
            }
            let samples = MetricsTests.samples(metrics)
            #expect(samples["database_write_wait_seconds_count"] == 24, "\(samples)")
            #expect(samples["database_write_batch_size_sum"] == 24, "\(samples)")
            let transactions = try #require(samples["database_write_batch_size_count"])
            #expect(transactions >= 1 && transactions <= 24)
            if client.dialect == .postgres { #expect(transactions == 24) }
            let largest = samples.first { $0.key.hasPrefix("database_write_batch_size_bucket{le=\"128") }?.value
            #expect(largest == transactions, "\(samples.keys.filter { $0.contains("batch") })")
        }
    }
}
