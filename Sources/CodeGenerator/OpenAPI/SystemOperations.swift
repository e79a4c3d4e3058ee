import APIContract
import Foundation
import OpenAPIKit
import SchemaModel

/// The system family (`APIContract`'s `SystemContract`: health probes, this document and the
/// docs page) as operations tagged `system`. They live at the root, not under the base path.
enum SystemOperations {
    /// Name of the health body schema.
    static let healthStatusName = SystemContract.healthStatusSchema

    /// The health body of `health.members` (Loom's `{status, app, checks?: {database}}` by
    /// default), in the order `HealthBody` writes it.
    static func healthStatusSchema(_ config: AppConfig) -> JSONSchema {
        let members = Set(config.health.members)
        var properties: [SchemaFactory.Property] = [.init("status", SchemaFactory.string("`ok`, or `unavailable` when a check failed."))]
        if members.contains(.timestamp) {
            properties.append(.init("timestamp", SchemaFactory.string("When the answer was made (UTC).", format: .dateTime)))
        }
        if members.contains(.app) {
            properties.append(.init("app", SchemaFactory.string("Name of the app this server runs.")))
        } else if members.contains(.appName) || members.contains(.appVersion) {
            var app: [SchemaFactory.Property] = []
            if members.contains(.appName) { app.append(.init("name", SchemaFactory.string("Name of the app this server runs."))) }
            if members.contains(.appVersion) { app.append(.init("version", SchemaFactory.string("The app's version (`version` of app.json)."))) }
            properties.append(.init("app", SchemaFactory.object(app, description: "The app this server runs.")))
        }
        if members.contains(.checks) {
            let checks = SchemaFactory.object(
                [.init("database", SchemaFactory.string("`ok`, or `unavailable` when the database did not answer."))],
                description: "Results of the dependency checks; absent from the liveness probe, which checks nothing.")
            properties.append(.init("checks", checks, required: false))
        }
        let schema = SchemaFactory.object(properties, description: "Health of the server.")
        return (try? schema.with(examples: [healthExample(config)])) ?? schema
    }

    /// A ready server's answer, with the app's own name and version.
    private static func healthExample(_ config: AppConfig) -> AnyCodable {
        let members = Set(config.health.members)
        var example: [String: AnyCodable] = ["status": "ok"]
        if members.contains(.timestamp) { example["timestamp"] = AnyCodable(ExampleText.time) }
        if members.contains(.app) { example["app"] = AnyCodable(config.name) }
        var app: [String: AnyCodable] = [:]
        if members.contains(.appName) { app["name"] = AnyCodable(config.name) }
        if members.contains(.appVersion) { app["version"] = AnyCodable(config.version) }
        if !app.isEmpty { example["app"] = AnyCodable(app) }
        if members.contains(.checks) { example["checks"] = AnyCodable(["database": "ok"]) }
        return AnyCodable(example)
    }

    /// `{tables: [...]}`, as `TableCatalog.json` writes it (the app's own catalog is the example).
    static func tableCatalogSchema(_ app: AppSchema) throws -> JSONSchema {
        let name = { (member: String) in app.config.jsonName(member) }
        let string = SchemaFactory.string
        let boolean = { (description: String) in JSONSchema.boolean(JSONSchema.CoreContext(description: description)) }
        let field = SchemaFactory.object([
            .init(name("name"), string("The field's JSON member.", .generic)),
            .init(name("type"), string("Its schema type: string, text, integer, number, boolean, datetime, date, uuid, email, url, enum, json or relation.", .generic)),
            .init(name("description"), string("What it holds.", .generic)),
            .init(name("required"), boolean("Whether create and replace must send it.")),
            .init(name("nullable"), boolean("Whether it may be null.")),
            .init(name("unique"), boolean("Whether no two records share a value.")),
            .init(name("read_only"), boolean("Whether only the server sets it.")),
            .init(name("values"), SchemaFactory.array(of: string("An allowed value.", .generic), description: "The values of an enum."), required: false),
            .init(name("table"), string("The table a relation refers to.", .generic), required: false),
        ], description: "A field (write-only fields are left out).")
        let key = SchemaFactory.object([
            .init(name("name"), string("The key's JSON member.", .generic)), .init(name("type"), string("uuid, integer or prefixed.", .generic)),
        ], description: "The primary key.")
        let table = SchemaFactory.object([
            .init(name("name"), string("The table's name.", .generic)),
            .init(name("description"), string("What it holds.", .generic)),
            .init(name("path"), string("Its collection path (list and create); one record is at `<path>/{id}`.", .generic)),
            .init(name("primary_key"), key),
            .init(name("operations"), SchemaFactory.array(of: string("list, get, create, replace, update or delete.", .generic), description: "The operations it serves.")),
            .init(name("timestamps"), boolean("Whether records carry their creation and update times.")),
            .init(name("soft_delete"), boolean("Whether a delete only marks records deleted (and they can be restored).")),
            .init(name("fields"), SchemaFactory.array(of: field, description: "Its fields, in declaration order.")),
        ], description: "A table.")
        let catalog = SchemaFactory.object(
            [.init(name("tables"), SchemaFactory.array(of: table, description: "Every table, by name."))],
            description: "The app's tables.")
        let example = try JSONDecoder().decode(AnyCodable.self, from: Data(TableCatalog.json(app).utf8))
        return try catalog.with(examples: [example])
    }

    /// The built-in routes, documented.
    static func routes(context: DocumentContext) -> [DocumentedRoute] {
        let documenter = ContractDocumenter(context: context)
        let layout = ContractLayout(prefix: "", routes: AuthContractOptions.overrides(context.config.servedSystemRoutes))
        return SystemContract.routes(layout: layout).flatMap { documenter.document($0, prefix: "", tag: OpenAPINames.systemTag) }
    }
}
