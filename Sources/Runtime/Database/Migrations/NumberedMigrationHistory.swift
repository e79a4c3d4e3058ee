/// Decides, from the rows an app recorded in `loom_migrations`, which of the binary's numbered
/// migrations are pending, and refuses a history the binary cannot continue.
///
/// Pure and shared by both engines, so SQLite and PostgreSQL refuse the same histories with the
/// same messages. A recorded numbered step must match a migration of the binary by identifier
/// and SHA-256 checksum: an edited migration (different checksum) or one the binary lacks
/// (a binary older than the database) stops the server before it serves anything.
struct NumberedMigrationHistory: Sendable {
    /// One recorded row of the app.
    struct Recorded: Sendable, Hashable {
        /// `0002_add_tasks_priority`, or a step of the additive migrator (`create table tasks`).
        var step: String
        /// The checksum recorded with it.
        var checksum: String
    }

    /// What `plan(recorded:)` decided.
    struct Plan: Sendable, Equatable {
        /// The database was built by the additive migrator before the app had numbered
        /// migrations: migration 1 (the baseline) is recorded without running it.
        var adoptsBaseline: Bool
        /// Migrations to apply, oldest first.
        var pending: [SchemaMigration]

        /// What `migrate --status` lists for this plan: the adopted baseline (marked as such)
        /// followed by the pending migrations.
        func report(baseline: SchemaMigration?) -> MigrationReport {
            let adopted = adoptsBaseline ? [baseline].compactMap { $0.map { $0.identifier + " (adopt the existing schema)" } } : []
            return MigrationReport(applied: adopted + pending.map(\.identifier))
        }
    }

    /// The app's name.
    let app: String
    /// The binary's migrations, oldest first.
    let migrations: [SchemaMigration]
    /// The engine, which picks the SQL (and so the checksum) of each migration.
    let dialect: SQLDialect

    /// Whether `step` names a numbered migration (`0001_initial`) rather than an additive step.
    static func isNumbered(_ step: String) -> Bool {
        let prefix = Array(step.prefix(5))
        return prefix.count == 5 && prefix[4] == "_" && prefix[0..<4].allSatisfy(\.isNumber)
    }

    /// The pending migrations after `recorded` (the app's rows, oldest first).
    /// - Throws: `MigrationError` (`.editedMigration`, `.unknownMigration`).
    func plan(recorded: [Recorded]) throws -> Plan {
        let byIdentifier = Dictionary(migrations.map { ($0.identifier, $0) }, uniquingKeysWith: { first, _ in first })
        var applied: Set<String> = []
        for row in recorded where Self.isNumbered(row.step) {
            guard let migration = byIdentifier[row.step] else {
                throw MigrationError(
                    code: .unknownMigration,
                    message: "the database of app \(app) recorded migration \(row.step), which this binary does not contain; "
                        + "run a binary built from a schema that includes it (never delete or rename an applied migration). Nothing was applied.")
            }
            guard migration.checksum(for: dialect) == row.checksum else {
                throw MigrationError(
                    code: .editedMigration,
                    message: "migration \(row.step) of app \(app) was edited after it was applied (recorded checksum \(row.checksum), "
                        + "binary \(migration.checksum(for: dialect))); restore Generated/ from git and add the change as a new migration "
                        + "with `loom generate`. Nothing was applied.")
            }
            applied.insert(row.step)
        }
        let adoptsBaseline = applied.isEmpty && !recorded.isEmpty && migrations.first?.version == 1
        let pending = migrations.filter { !applied.contains($0.identifier) && !(adoptsBaseline && $0.version == 1) }
        return Plan(adoptsBaseline: adoptsBaseline, pending: pending)
    }

    /// Each table the baseline creates (and a database adopted without running it must already
    /// hold) with its columns, in statement order. The generator
    /// writes one `CREATE TABLE "t" ("a" TYPE ..., "b" ..., FOREIGN KEY ...)` per line, so a
    /// column is a top-level element of the parenthesised list that starts with a quoted name.
    func baselineColumns() -> [(table: String, columns: [String])] {
        guard let baseline = migrations.first, baseline.version == 1 else { return [] }
        return baseline.statements(for: dialect).compactMap { statement in
            guard statement.hasPrefix("CREATE TABLE \"") else { return nil }
            let rest = statement.dropFirst("CREATE TABLE \"".count)
            guard let close = rest.firstIndex(of: "\"") else { return nil }
            let body = rest[rest.index(after: close)...].drop { $0 != "(" }.dropFirst()
            return (String(rest[..<close]), Self.topLevelElements(of: body).compactMap(Self.quotedName))
        }
    }

    /// The elements of a column list split at commas outside parentheses and quotes.
    private static func topLevelElements(of body: Substring) -> [Substring] {
        var elements: [Substring] = []
        var depth = 0
        var quote: Character?
        var start = body.startIndex
        for index in body.indices {
            let character = body[index]
            if let open = quote {
                if character == open { quote = nil }
                continue
            }
            switch character {
            case "'", "\"": quote = character
            case "(": depth += 1
            case ")":
                if depth == 0 {
                    elements.append(body[start..<index])
                    return elements
                }
                depth -= 1
            case "," where depth == 0:
                elements.append(body[start..<index])
                start = body.index(after: index)
            default: break
            }
        }
        elements.append(body[start...])
        return elements
    }

    /// `"name"` at the start of an element (a column definition), `nil` for table constraints.
    private static func quotedName(_ element: Substring) -> String? {
        let trimmed = element.drop { $0 == " " }
        guard trimmed.first == "\"" else { return nil }
        let name = trimmed.dropFirst().prefix { $0 != "\"" }
        return name.isEmpty ? nil : String(name)
    }

    /// The baseline's tables and columns that `existing` (table → its columns) lacks, as
    /// `table` or `table.column`.
    func missingFromBaseline(existing: [String: Set<String>]) -> [String] {
        baselineColumns().flatMap { table, columns -> [String] in
            guard let present = existing[table] else { return [table] }
            return columns.filter { !present.contains($0) }.map { "\(table).\($0)" }
        }
    }

    /// The refusal when an adopted database lacks baseline tables or columns.
    func baselineMismatch(missing: [String]) -> MigrationError {
        MigrationError(
            code: .baselineMismatch,
            message: "the database of app \(app) was created before numbered migrations but lacks the tables or columns "
                + "\(missing.joined(separator: ", ")) of migration 0001; migrate it with the binary that created it first. Nothing was applied.")
    }
}
