import APIContract
import Auth
import CodeGenerator
import Foundation
import Hummingbird
import Runtime
import SchemaModel
import Testing

@testable import Server

/// One contract: for every app, the routes the server registers are exactly the operations of
/// its published `Generated/<App>/openapi.json`, and the runtime and the generator select the
/// auth and platform families from the same facts.
@Suite("One contract: registered routes equal the document")
struct RouteDocumentTests {
    /// The repository root, found from this file.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    @Test("every (method, path) the server registers is documented and every documented one registered", arguments: AppCatalog.names)
    func routesEqualDocument(appName: String) async throws {
        try await TestDatabase.withMigratedApp(appName) { database, app in
            let environment = app.auth.map { [$0.secretVariable: TestApp.jwtSecret] } ?? [:]
            let auth = try await ServerAuth.start(
                app: app, database: database.client, logger: TestDatabase.logger, environment: environment,
                options: AuthOptions(passwordHashCost: 4))
            var configuration = LoomServer.Configuration()
            configuration.auth = auth
            // The webhook management family, as `serve` mounts it.
            try await ServerWebhooks.mount(app: app, database: database.client, on: &configuration, logger: TestDatabase.logger, environment: [:])
            // The rate-limit tier family, as `serve` mounts it.
            try await ServerRateLimits.mount(app: app, database: database.client, on: &configuration)
            let router = LoomServer.buildRouter(app: app, database: database.client, configuration: configuration)
            // HEAD is implied by GET (RFC 9110): the server may register it, the document lists GET.
            let registered = Set(router.routes.filter { $0.method != .head }.map { Self.key($0.method.rawValue, $0.path.description) })
            let file = Self.root.appendingPathComponent("Generated/\(SwiftNames.pascalCase(appName))/openapi.json")
            let document = try DocumentedAPI(text: String(contentsOf: file, encoding: .utf8))
            let documented = Set(document.operations.map { Self.key($0.method, $0.template) })
            #expect(!registered.isEmpty)
            #expect(
                registered == documented,
                "registered but not documented: \(registered.subtracting(documented).sorted()); documented but not registered: \(documented.subtracting(registered).sorted())")
            // The Swift literal holds the file without its final newline.
            #expect(app.openAPIDocument + "\n" == (try String(contentsOf: file, encoding: .utf8)), "the served document is the published one")
        }
    }

    @Test("the runtime's settings and the schema give the same auth contract options and route layouts", arguments: AppCatalog.names)
    func sameOptions(appName: String) throws {
        let app = try AppCatalog.app(named: appName, eventSettleInterval: 0)
        let schema = try #require(try Self.parsedApps().first { $0.config.name == appName })
        let config = schema.config
        // With the scopes an API key may hold, which only the whole app (tables, endpoints) tells.
        #expect(app.auth.map(AuthContractOptions.init(settings:)) == config.auth.map { AuthContractOptions(auth: $0, schema: schema) })
        #expect(app.settings.systemRoutes == ContractLayout(prefix: "", routes: AuthContractOptions.overrides(config.servedSystemRoutes)))
        #expect(app.settings.naming.rawValue == config.naming.rawValue)
        if let auth = app.auth { #expect(auth.apiKeyHeader == config.headers.apiKey) }
        #expect(app.settings.headers.requestID.rawName == config.headers.requestId)
        let management = config.webhooks?.management.map { management in
            WebhookContractOptions(
                path: management.path, scope: management.scope, tenantScoped: config.webhooks?.tenantScoped ?? false,
                maxRotationGraceSeconds: management.maxRotationGraceSeconds, eventTypes: config.webhooks?.eventTypes ?? [],
                routes: management.routes, naming: JSONNaming(rawValue: config.naming.rawValue) ?? .snakeCase)
        }
        #expect(app.webhooks?.contractOptions(naming: app.settings.naming) == management, "the webhook management options")
        #expect(WebhookManagementConfig.reservedNamePrefix == WebhookContract.idPrefix)
    }

    /// `POST /v1/items/{id}` and `POST /v1/items/:id` → `POST /v1/items/{}`.
    static func key(_ method: String, _ path: String) -> String {
        let segments = path.split(separator: "/", omittingEmptySubsequences: true).map { segment in
            segment.hasPrefix(":") || (segment.hasPrefix("{") && segment.hasSuffix("}")) ? "{}" : String(segment)
        }
        return method.uppercased() + " /" + segments.joined(separator: "/")
    }

    /// Every app under `Schemas/`, parsed as the generator parses them.
    static func parsedApps() throws -> [AppSchema] {
        let schemas = root.appendingPathComponent("Schemas")
        var files: [SchemaFile] = []
        let enumerator = FileManager.default.enumerator(at: schemas, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            let relative = "Schemas/" + url.path.dropFirst(schemas.path.count + 1)
            // As `loom generate` reads them: the published JSON Schema is not a schema file.
            guard url.pathExtension == "json", relative != "Schemas/loom-schema.json" else { continue }
            files.append(SchemaFile(path: relative, contents: Array(try Data(contentsOf: url))))
        }
        let parsed = SchemaParser.parse(files.sorted { $0.path < $1.path })
        return try #require(parsed.schemas, "Schemas/ parses: \(parsed.diagnostics)").apps
    }
}
