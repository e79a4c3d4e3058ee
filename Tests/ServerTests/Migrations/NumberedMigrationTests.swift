import Foundation
import Runtime
import Testing

/// Numbered migrations end to end on whichever engine the tests run on (SQLite, or PostgreSQL
/// under `.ci/with-postgres`): schema v1 → generate → apply → rows → schema v2 → generate →
/// apply → the live schema is v2 and the rows survived; edited history is refused; two
/// appliers at once apply each migration once.
@Suite("Numbered migrations on a live database")
struct NumberedMigrationTests {
    typealias S = MigrationScenario

    /// The migrations of version 1 and of version 2 (which includes version 1's).
    private func generated() throws -> (first: [SchemaMigration], second: [SchemaMigration]) {
        let first = try S.generate(S.version1)
        let second = try S.generate(S.version2, history: S.history(first))
        return (S.migrations(first), S.migrations(second))
    }

    @Test("v1 → apply → rows → v2 (add, rename, widen, swap index, drop) → apply: the schema is v2 and the rows survived")
    func scenario() async throws {
        let (first, second) = try generated()
        #expect(first.map(\.identifier) == ["0001_initial"])
        #expect(second.count == 2 && second[0] == first[0])
        let database = try await TestDatabase.open("scenario")
        do {
            let client = database.client
            let applied = try await client.migrate(to: S.schema(first))
            #expect(applied.applied == ["0001_initial"])
            _ = try await client.write([
                SQLStatement("INSERT INTO owners (id, email) VALUES (1, 'ann@example.com')"),
                SQLStatement("INSERT INTO notes (id, title, rank, body, owner) VALUES (1, 'Hello', 3, 'gone soon', 1)"),
                SQLStatement("INSERT INTO notes (id, title, rank, body, owner) VALUES (2, 'World', 5, NULL, NULL)"),
            ])
            let pending = try await client.plannedMigration(to: S.schema(second))
            #expect(pending.applied == [second[1].identifier])
            let report = try await client.migrate(to: S.schema(second))
            #expect(report.applied == [second[1].identifier])
            #expect(try await columns(of: "notes", in: client) == ["id", "headline", "rank", "owner", "pinned"])
            let indexes = try await indexes(of: "notes", in: client)
            #expect(indexes.contains("notes_pinned_idx") && !indexes.contains("notes_rank_idx"), "indexes: \(indexes)")
            let rows = try await client.fetch(SQLStatement("SELECT id, headline, rank, owner, pinned FROM notes ORDER BY id"))
            #expect(rows.count == 2)
            #expect(rows.first?.values[1] == .text("Hello"))
            #expect(rows.first.map { number($0.values[2]) } == 3)
            #expect(rows.first.map { number($0.values[3]) } == 1)
            #expect(rows.first.map { number($0.values[4]) } == 0)
            #expect(rows.last?.values[1] == .text("World"))
            let again = try await client.migrate(to: S.schema(second))
            #expect(again.applied.isEmpty)
            let history = try await client.appliedMigrationSteps(app: "mini")
            #expect(history.map(\.step) == second.map(\.identifier))
            #expect(history.map(\.checksum) == second.map { $0.checksum(for: client.dialect) })
        } catch {
            await database.cleanup()
            throw error
        }
        await database.cleanup()
    }

    @Test("an applied migration edited afterwards, or missing from the binary, is refused and nothing runs")
    func editedMigrationRefused() async throws {
        let (first, second) = try generated()
        let database = try await TestDatabase.open("edited")
        do {
            _ = try await database.client.migrate(to: S.schema(first))
            var edited = first[0]
            edited = SchemaMigration(
                version: edited.version, name: edited.name, sqlite: edited.sqlite + ["CREATE TABLE extra (id INTEGER)"],
                postgres: edited.postgres + ["CREATE TABLE extra (id INTEGER)"], sqliteForeignKeysOff: false)
            let editedSchema = S.schema([edited, second[1]])
            await #expect(throws: MigrationError.self) { _ = try await database.client.migrate(to: editedSchema) }
            do {
                _ = try await database.client.plannedMigration(to: editedSchema)
                Issue.record("the status of an edited history was not refused")
            } catch let error as MigrationError {
                #expect(error.code == .editedMigration)
                #expect(error.message.contains("0001_initial"))
            }
            let renamed = SchemaMigration(
                version: 1, name: "baseline", sqlite: first[0].sqlite, postgres: first[0].postgres, sqliteForeignKeysOff: false)
            do {
                _ = try await database.client.migrate(to: S.schema([renamed]))
                Issue.record("a history naming a migration the binary lacks was not refused")
            } catch let error as MigrationError {
                #expect(error.code == .unknownMigration)
            }
            let history = try await database.client.appliedMigrationSteps(app: "mini")
            #expect(history.map(\.step) == ["0001_initial"], "nothing else was applied")
        } catch {
            await database.cleanup()
            throw error
        }
        await database.cleanup()
    }

    @Test("a database built by the additive migrator is adopted: 0001 is recorded without running, later ones apply")
    func adoptsAdditiveDatabase() async throws {
        let (_, second) = try generated()
        let database = try await TestDatabase.open("adopt")
        do {
            // The additive migrator's steps, as an older binary recorded them, with the baseline's tables.
            _ = try await database.client.migrate(to: S.schema(Array(second.prefix(1))))
            _ = try await database.client.write([
                SQLStatement("UPDATE loom_migrations SET step = 'create table notes' WHERE step = '0001_initial'"),
            ])
            let report = try await database.client.migrate(to: S.schema(second))
            #expect(report.applied == second.map(\.identifier))
            #expect(try await columns(of: "notes", in: database.client).contains("pinned"))
        } catch {
            await database.cleanup()
            throw error
        }
        await database.cleanup()
    }

    @Test("a pre-numbered database that lacks a column of 0001 is refused, naming table.column, and nothing is applied")
    func refusesAdoptionWithMissingColumn() async throws {
        let (_, second) = try generated()
        let database = try await TestDatabase.open("adopt_missing")
        do {
            let client = database.client
            _ = try await client.migrate(to: S.schema(Array(second.prefix(1))))
            // An older binary's database: the additive steps recorded, and one baseline column absent.
            _ = try await client.write([
                SQLStatement("UPDATE loom_migrations SET step = 'create table notes' WHERE step = '0001_initial'"),
                SQLStatement("ALTER TABLE notes DROP COLUMN body"),
            ])
            do {
                _ = try await client.migrate(to: S.schema(second))
                Issue.record("a database lacking notes.body was adopted")
            } catch let error as MigrationError {
                #expect(error.code == .baselineMismatch)
                #expect("\(error)".contains("notes.body"), "\(error)")
            }
            let steps = try await client.fetch(SQLStatement("SELECT step FROM loom_migrations"))
            #expect(steps.map(\.values) == [[.text("create table notes")]])
            #expect(try await !columns(of: "notes", in: client).contains("pinned"))
        } catch {
            await database.cleanup()
            throw error
        }
        await database.cleanup()
    }

    @Test("rebuilding a table other tables reference (SQLite) keeps the rows and the references enforced")
    func rebuildReferencedTable() async throws {
        let first = try S.generate(S.version1)
        let widened = S.version1["tables/owners.json"]!.replacingOccurrences(of: #""type": "email""#, with: #""type": "text""#)
        let second = try S.generate(["tables/owners.json": widened, "tables/notes.json": S.version1["tables/notes.json"]!], history: S.history(first))
        let migrations = S.migrations(second)
        #expect(migrations.count == 2 && migrations[1].sqliteForeignKeysOff)
        let database = try await TestDatabase.open("referenced")
        do {
            let client = database.client
            _ = try await client.migrate(to: S.schema(Array(migrations.prefix(1))))
            _ = try await client.write([
                SQLStatement("INSERT INTO owners (id, email) VALUES (1, 'ann@example.com')"),
                SQLStatement("INSERT INTO notes (id, title, rank, body, owner) VALUES (1, 'Hello', 3, NULL, 1)"),
            ])
            let report = try await client.migrate(to: S.schema(migrations))
            #expect(report.applied == [migrations[1].identifier])
            let rows = try await client.fetch(SQLStatement("SELECT notes.title, owners.email FROM notes JOIN owners ON owners.id = notes.owner"))
            #expect(rows.first?.values == [.text("Hello"), .text("ann@example.com")])
            await #expect(throws: (any Error).self) {
                _ = try await client.write([SQLStatement("INSERT INTO notes (id, title, rank, body, owner) VALUES (2, 'Orphan', 0, NULL, 99)")])
            }
            _ = try await client.write([SQLStatement("DELETE FROM owners WHERE id = 1")])
            let orphaned = try await client.fetch(SQLStatement("SELECT owner FROM notes WHERE id = 1"))
            #expect(orphaned.first?.values == [.null], "ON DELETE SET NULL still applies after the rebuild")
        } catch {
            await database.cleanup()
            throw error
        }
        await database.cleanup()
    }

    private func number(_ value: SQLValue) -> Double? {
        switch value {
        case .integer(let integer): return Double(integer)
        case .double(let double): return double
        case .bool(let bool): return bool ? 1 : 0
        default: return nil
        }
    }

    private func columns(of table: String, in client: any DatabaseClient) async throws -> [String] {
        let sql = client.dialect == .sqlite
            ? "SELECT name FROM pragma_table_info('\(table)') ORDER BY cid"
            : "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = '\(table)' ORDER BY ordinal_position"
        return try await client.fetch(SQLStatement(sql)).compactMap { row in
            if case .text(let name)? = row.values.first { return name }
            return nil
        }
    }

    private func indexes(of table: String, in client: any DatabaseClient) async throws -> Set<String> {
        let sql = client.dialect == .sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = '\(table)'"
            : "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = '\(table)'"
        return Set(try await client.fetch(SQLStatement(sql)).compactMap { row in
            if case .text(let name)? = row.values.first { return name }
            return nil
        })
    }
}
