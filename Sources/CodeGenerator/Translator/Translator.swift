import SchemaModel

/// The translate stage: a pure function from validated schemas to the render model.
///
/// It assumes `SchemaValidator` found no errors (a relation names an existing table, a
/// default fits its field); it performs no I/O.
public enum Translator {
    /// Translates every app. `openAPIDocuments` maps app names to their built OpenAPI JSON.
    public static func translate(_ schemas: ParsedSchemas, openAPIDocuments: [String: String]) -> RenderModel {
        RenderModel(
            apps: schemas.apps.map { app in
                translate(app, openAPIDocument: openAPIDocuments[app.config.name] ?? "{}\n")
            },
            sourceFile: "Schemas/loom.json",
            defaultAppLiteral: SwiftNames.literal(schemas.project.defaultApp))
    }

    static func translate(_ app: AppSchema, openAPIDocument: String) -> AppRenderModel {
        let namespace = SwiftNames.pascalCase(app.config.name)
        let keys = Dictionary(uniqueKeysWithValues: app.tables.map { ($0.name, $0.primaryKey) })
        let tables = dependencyOrder(app.tables).map {
            var translator = TableTranslator(table: $0, app: app.config, namespace: namespace, primaryKeys: keys)
            translator.referencing = TableTranslator.relations(to: $0.name, in: app.tables)
            return translator.translate()
        }
        let endpoints = app.endpoints.map {
            EndpointTranslator(endpoint: $0, app: app.config, namespace: namespace).translate()
        }
        let config = app.config
        var model = AppRenderModel(
            name: config.name,
            namespace: namespace,
            sourceFile: config.file,
            nameLiteral: SwiftNames.literal(config.name),
            titleLiteral: SwiftNames.literal(config.title),
            basePathLiteral: SwiftNames.literal(config.basePath),
            settingsArguments: SettingsTranslator.arguments(for: app).listItems { $0 },
            docLines: SwiftNames.docLines(config.title + ": " + config.description),
            tables: tables,
            endpoints: endpoints,
            hasEndpoints: !endpoints.isEmpty,
            handlersProtocol: namespace + "Handlers",
            openAPIDocument: openAPIDocument,
            openAPILiteral: SwiftNames.multilineRawLiteral(openAPIDocument))
        if let auth = config.auth {
            model.authArguments = AuthTranslator.arguments(for: auth, app: config, scopes: DeclaredScopes.of(app))
            model.hasAuth = true
        }
        if let webhooks = config.webhooks {
            model.webhookArguments = WebhookTranslator.arguments(for: webhooks)
            model.hasWebhooks = true
            model.events = EventTranslator.translate(webhooks, app: config, namespace: namespace)
        }
        if let audit = config.audit {
            model.auditArguments = "retentionDays: \(audit.retentionDays), purgeIntervalSeconds: \(audit.purgeIntervalSeconds)"
            model.hasAudit = true
        }
        if let accessLog = config.accessLog {
            model.accessLogFormat = accessLog.format.rawValue
            model.hasAccessLog = true
        }
        model.hasIncomingWebhooks = endpoints.contains(where: \.hasWebhook)
        return model
    }

    /// Tables ordered so every referenced table comes before the tables referencing it
    /// (ties and cycles broken by name), which is the order `CREATE TABLE` must run in.
    static func dependencyOrder(_ tables: [TableSchema]) -> [TableSchema] {
        var remaining = tables.sorted { $0.name < $1.name }
        var ordered: [TableSchema] = []
        var placed = Set<String>()
        while !remaining.isEmpty {
            let index = remaining.firstIndex { table in
                table.fields.allSatisfy { field in
                    field.type != .relation || field.table == table.name || placed.contains(field.table ?? "")
                }
            } ?? 0
            let table = remaining.remove(at: index)
            placed.insert(table.name)
            ordered.append(table)
        }
        return ordered
    }
}

extension Array {
    /// Wraps expressions as list items, marking the last one.
    func listItems(_ expression: (Element) -> String) -> [ListItem] {
        enumerated().map { ListItem(expression: expression($0.element), isLast: $0.offset == count - 1) }
    }
}
