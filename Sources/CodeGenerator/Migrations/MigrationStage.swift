import SchemaModel

/// The migration stage of `Generator`: reads an app's migration folder (previous snapshot and
/// numbered migrations), diffs the current schema against the snapshot and, when something
/// changed, adds the next numbered migration for both dialects plus the new snapshot.
///
/// Existing migration files are passed through unchanged, never rewritten: an applied
/// migration is history, and the runtime refuses a database whose recorded checksum differs.
enum MigrationStage {
    /// What the stage produced for one app.
    struct Result {
        /// Migration `.sql` files and `snapshot.json`.
        var files: [OutputFile] = []
        /// Every migration of the app, oldest first (for the embedded Swift).
        var migrations: [MigrationFile] = []
        /// Refusals (lossy changes the schema does not allow, an unreadable snapshot).
        var diagnostics: [Diagnostic] = []
    }

    /// The name of the snapshot file inside the migration folder.
    static let snapshotFileName = "snapshot.json"

    /// Runs the stage for `app`; `existing` maps paths under `directory` to their text.
    static func run(app: AppSchema, directory: String, existing: [String: String]) -> Result {
        var result = Result()
        var byVersion: [Int: (name: String, sqlite: String?, postgres: String?)] = [:]
        for (path, text) in existing where path.hasPrefix(directory + "/") {
            let fileName = String(path.dropFirst(directory.count + 1))
            guard let parsed = MigrationFile.parseFileName(fileName) else { continue }
            var entry = byVersion[parsed.version] ?? (parsed.name, nil, nil)
            if parsed.dialect == "sqlite" { entry.sqlite = text } else { entry.postgres = text }
            byVersion[parsed.version] = entry
            result.files.append(OutputFile(path: path, contents: text))
        }
        for version in byVersion.keys.sorted() {
            guard let entry = byVersion[version], let sqlite = entry.sqlite, let postgres = entry.postgres else {
                result.diagnostics.append(problem(app, "migration \(version) of \(directory) lacks its .sqlite.sql or .postgres.sql file; restore it from git"))
                continue
            }
            result.migrations.append(MigrationFile(
                version: version, name: entry.name, sqlite: MigrationFile.parse(sqlite), postgres: MigrationFile.parse(postgres)))
        }
        let current = SnapshotBuilder.snapshot(of: app)
        let previous: SchemaSnapshot
        if let text = existing[directory + "/" + snapshotFileName] {
            do {
                previous = try SchemaSnapshot.parse(text)
            } catch {
                result.diagnostics.append(problem(app, "\(directory)/\(snapshotFileName) does not parse (\(error)); restore it from git"))
                return result
            }
        } else if result.migrations.isEmpty {
            previous = SchemaSnapshot(app: app.config.name, tables: [])
        } else {
            result.diagnostics.append(problem(app, "\(directory)/\(snapshotFileName) is missing but migrations exist; restore it from git"))
            return result
        }
        let differ = SchemaDiffer(old: previous, new: current, app: app)
        let (changes, refusals) = differ.diff()
        result.diagnostics += refusals
        guard refusals.isEmpty else { return result }
        if !changes.isEmpty {
            let planner = MigrationPlanner(
                old: previous, new: current, dataLossTables: Set(app.tables.filter(\.allowDataLoss).map(\.name)))
            var migration = MigrationFile(
                version: (result.migrations.last?.version ?? 0) + 1,
                name: result.migrations.isEmpty ? "initial" : name(for: changes),
                sqlite: planner.sqlite(changes), postgres: planner.postgres(changes))
            let sqliteText = MigrationFile.text(migration.sqlite, identifier: migration.identifier, dialect: "sqlite")
            let postgresText = MigrationFile.text(migration.postgres, identifier: migration.identifier, dialect: "postgres")
            // Embed what the files say, so this run and the next (which reads the files) agree.
            migration.sqlite = MigrationFile.parse(sqliteText)
            migration.postgres = MigrationFile.parse(postgresText)
            result.migrations.append(migration)
            result.files.append(OutputFile(path: "\(directory)/\(migration.identifier).sqlite.sql", contents: sqliteText))
            result.files.append(OutputFile(path: "\(directory)/\(migration.identifier).postgres.sql", contents: postgresText))
        }
        result.files.append(OutputFile(path: directory + "/" + snapshotFileName, contents: current.json()))
        return result
    }

    /// The file name part of a migration: its first change, and how many more there are.
    static func name(for changes: [SchemaChange]) -> String {
        let meaningful = changes.filter { if case .dropIndex = $0 { return false } else { return true } }
        let first = (meaningful.first ?? changes[0]).summary
        let rest = max(0, (meaningful.isEmpty ? changes.count : meaningful.count) - 1)
        let name = rest == 0 ? first : "\(first)_and_\(rest)_more"
        return String(name.prefix(60))
    }

    private static func problem(_ app: AppSchema, _ message: String) -> Diagnostic {
        Diagnostic(code: "migration-history", file: app.config.file, path: "", message: message)
    }
}
