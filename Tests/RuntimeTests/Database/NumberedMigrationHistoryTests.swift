import Testing

@testable import Runtime

/// The engine-independent rules of numbered migrations: checksums, pending, refusals, adoption.
@Suite("Numbered migration history")
struct NumberedMigrationHistoryTests {
    private let migrations = [
        SchemaMigration(version: 1, name: "initial", sqlite: ["CREATE TABLE \"notes\" (\"id\" INTEGER)"], postgres: ["CREATE TABLE \"notes\" (\"id\" BIGINT)"], sqliteForeignKeysOff: false),
        SchemaMigration(version: 2, name: "add_notes_rank", sqlite: ["ALTER TABLE \"notes\" ADD COLUMN \"rank\" INTEGER"], postgres: ["ALTER TABLE \"notes\" ADD COLUMN \"rank\" BIGINT"], sqliteForeignKeysOff: false),
    ]

    private var history: NumberedMigrationHistory { NumberedMigrationHistory(app: "mini", migrations: migrations, dialect: .sqlite) }

    @Test("SHA-256 matches the FIPS 180-4 test vectors, across block boundaries")
    func sha256() {
        #expect(SHA256Digest.hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256Digest.hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256Digest.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
            == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        #expect(SHA256Digest.hex(String(repeating: "a", count: 1000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }

    @Test("identifiers are zero-padded; numbered steps are told from additive ones")
    func identifiers() {
        #expect(migrations.map(\.identifier) == ["0001_initial", "0002_add_notes_rank"])
        #expect(NumberedMigrationHistory.isNumbered("0002_add_notes_rank"))
        #expect(!NumberedMigrationHistory.isNumbered("create table notes"))
    }

    @Test("pending: everything on an empty history, what is left after applied ones")
    func pending() throws {
        #expect(try history.plan(recorded: []) == .init(adoptsBaseline: false, pending: migrations))
        let first = NumberedMigrationHistory.Recorded(step: "0001_initial", checksum: migrations[0].checksum(for: .sqlite))
        #expect(try history.plan(recorded: [first]) == .init(adoptsBaseline: false, pending: [migrations[1]]))
    }

    @Test("an edited or unknown applied migration is refused with its code")
    func refusals() {
        #expect(throws: MigrationError.self) { try history.plan(recorded: [.init(step: "0001_initial", checksum: "0")]) }
        do {
            _ = try history.plan(recorded: [.init(step: "0003_later", checksum: "0")])
            Issue.record("an unknown migration was accepted")
        } catch let error as MigrationError {
            #expect(error.code == .unknownMigration)
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("a history of additive steps adopts the baseline, whose tables it names")
    func adoption() throws {
        let plan = try history.plan(recorded: [.init(step: "create table notes", checksum: "abc")])
        #expect(plan == .init(adoptsBaseline: true, pending: [migrations[1]]))
        #expect(history.baselineColumns().map(\.table) == ["notes"])
    }

    @Test("the baseline's columns are read from its CREATE TABLE lines; table constraints, checks and defaults are not columns")
    func baselineColumns() {
        let create = #"CREATE TABLE "tasks" ("id" TEXT PRIMARY KEY NOT NULL, "status" TEXT NOT NULL DEFAULT 'a, (b)' "#
            + #"CHECK ("status" IN ('a, (b)', 'c')), "owner" TEXT REFERENCES "owners" ("id") ON DELETE SET NULL, "#
            + #"UNIQUE ("status", "owner"), FOREIGN KEY ("owner") REFERENCES "owners" ("id"));"#
        let baseline = NumberedMigrationHistory(
            app: "mini",
            migrations: [SchemaMigration(version: 1, name: "initial", sqlite: [create, #"CREATE INDEX "i" ON "tasks" ("status")"#], postgres: [], sqliteForeignKeysOff: false)],
            dialect: .sqlite)
        let tables = baseline.baselineColumns()
        #expect(tables.map(\.table) == ["tasks"])
        #expect(tables.first?.columns == ["id", "status", "owner"])
        #expect(baseline.missingFromBaseline(existing: ["tasks": ["id", "status", "owner", "extra"]]).isEmpty)
        #expect(baseline.missingFromBaseline(existing: ["tasks": ["id", "owner"]]) == ["tasks.status"])
        #expect(baseline.missingFromBaseline(existing: [:]) == ["tasks"])
    }
}
