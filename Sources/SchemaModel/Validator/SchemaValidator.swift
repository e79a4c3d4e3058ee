/// The validate stage: semantic checks of parsed schemas that the JSON structure alone cannot
/// express (names, constraints, relations, indexes, routes).
///
/// Every rule runs on every app, table, endpoint and field, so all problems are reported at
/// once, each with its file and JSON path.
public enum SchemaValidator {
    /// Returns every problem found, errors and warnings, sorted by file, path and message.
    public static func validate(_ schemas: ParsedSchemas) -> [Diagnostic] {
        let diagnostics = DiagnosticCollector()
        ProjectRules.check(schemas, diagnostics: diagnostics)
        for app in schemas.apps {
            AppRules.check(app, diagnostics: diagnostics)
            AppFidelityRules.check(app, diagnostics: diagnostics)
            for table in app.tables {
                TableRules.check(table, in: app, diagnostics: diagnostics)
                TableLayoutRules.check(table, in: app, diagnostics: diagnostics)
            }
            SingularRules.check(app, diagnostics: diagnostics)
            IndexRules.check(app, diagnostics: diagnostics)
            for endpoint in app.endpoints {
                EndpointRules.check(endpoint, in: app, diagnostics: diagnostics)
            }
            RouteRules.check(app, diagnostics: diagnostics)
            AuthRules.check(app, diagnostics: diagnostics)
            WebhookRules.check(app, diagnostics: diagnostics)
            AuditRules.check(app, diagnostics: diagnostics)
            RateLimitRules.check(app, diagnostics: diagnostics)
            DocumentInfoRules.check(app, diagnostics: diagnostics)
            IdempotencyRules.check(app, diagnostics: diagnostics)
            CORSRules.check(app, diagnostics: diagnostics)
            MetricsRules.check(app, diagnostics: diagnostics)
            UsageRules.check(app, diagnostics: diagnostics)
            AccessRules.check(app, diagnostics: diagnostics)
            MigrationHintRules.check(app, diagnostics: diagnostics)
        }
        return diagnostics.diagnostics.sorted()
    }
}
