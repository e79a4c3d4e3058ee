/// What `migrations.mustache` renders: the migrations of one app as Swift literals.
struct MigrationsRenderModel: Sendable {
    /// The app's Swift namespace (`Tracker`).
    let namespace: String
    /// The header's source (`Generated/<App>/Migrations/`).
    let sourceFile: String
    /// The migrations, oldest first.
    let migrations: [MigrationRenderModel]

    init(namespace: String, directory: String, migrations: [MigrationFile]) {
        self.namespace = namespace
        self.sourceFile = directory + "/"
        self.migrations = migrations.map {
            MigrationRenderModel(
                version: String($0.version), nameLiteral: SwiftNames.literal($0.name),
                sqlite: $0.sqlite.statements.map(SwiftNames.literal), postgres: $0.postgres.statements.map(SwiftNames.literal),
                sqliteForeignKeysOff: $0.sqlite.foreignKeysOff ? "true" : "false")
        }
    }
}

/// One migration of `MigrationsRenderModel`.
struct MigrationRenderModel: Sendable {
    let version: String
    let nameLiteral: String
    let sqlite: [String]
    let postgres: [String]
    let sqliteForeignKeysOff: String
}
