/// What `migrations.mustache` renders: the migrations of one app as Swift literals.
struct MigrationsRenderModel: Sendable {
    /// The app's Swift namespace (`Tracker`).
    let namespace: String
    /// The header's source (`Generated/<App>/Migrations/`).
    let sourceFile: String
    /// The migrations, oldest first.
    let migrations: [MigrationRenderModel]

    /// The render model of `migrations`, statements as Swift string literals.
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
    /// The number, as Swift source.
    let version: String
    /// The name as a Swift string literal.
    let nameLiteral: String
    /// SQLite statements as Swift string literals.
    let sqlite: [String]
    /// PostgreSQL statements as Swift string literals.
    let postgres: [String]
    /// `true` or `false`, as Swift source.
    let sqliteForeignKeysOff: String
}
