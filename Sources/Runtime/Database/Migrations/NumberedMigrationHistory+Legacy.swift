/// Adopting migrations an older binary recorded by version in a table of its own
/// (`SchemaDefinition.legacyHistoryTable`), shared by both engines.
extension NumberedMigrationHistory {
    /// The migrations to record without running: those whose version `legacyVersions` holds,
    /// provided the app has recorded nothing in `loom_migrations` yet (once it has, the legacy
    /// table is history and is never read again).
    func legacyAdoptions(recorded: [Recorded], legacyVersions: Set<Int>) -> [SchemaMigration] {
        guard recorded.isEmpty else { return [] }
        return migrations.filter { legacyVersions.contains($0.version) }
    }
}

extension NumberedMigrationHistory.Plan {
    /// What `migrate --status` lists when a legacy history is adopted: the migrations it
    /// recorded (marked as adopted) followed by the ones that would run.
    func report(baseline: SchemaMigration?, legacyTable: String, legacyVersions: Set<Int>) -> MigrationReport {
        let base = report(baseline: baseline)
        guard !legacyVersions.isEmpty else { return base }
        let adopted = pending.filter { legacyVersions.contains($0.version) }
        let adoptedIdentifiers = Set(adopted.map(\.identifier))
        return MigrationReport(
            applied: adopted.map { $0.identifier + " (adopt from \(legacyTable))" }
                + base.applied.filter { !adoptedIdentifiers.contains($0) },
            warnings: base.warnings)
    }
}
