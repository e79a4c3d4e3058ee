import Foundation
import SchemaModel
import Testing

@testable import CodeGenerator
@testable import Runtime
@testable import Server

/// Facts the runtime and the generator each state, which cannot share one declaration (the
/// runtime does not depend on the schema model): the health body's members and the fields
/// `aggregate=` takes. These tests fail when the two drift apart.
@Suite("Answer shapes: the runtime and the document agree")
struct AnswerShapeDriftTests {
    @Test("the health body the runtime writes has the members the document describes, for Loom's default and every member")
    func healthMembers() throws {
        #expect(HealthBody.loom.members == Set(HealthConfig.defaultMembers.map(\.rawValue)))
        let every = HealthMember.allCases.filter { $0 != .app }
        for members in [HealthConfig.defaultMembers, every] {
            var config = AppConfig(file: "app.json", name: "mini", title: "Mini", version: "3.0.0", description: "A small app.")
            config.health = HealthConfig(members: members)
            let body = HealthBody(members: Set(members.map(\.rawValue)), appVersion: config.version)
            let written = try #require(try JSONSerialization.jsonObject(with: Data(body.bytes(status: "ok", app: "mini", database: "ok"))) as? [String: Any])
            let schema = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(SystemOperations.healthStatusSchema(config))) as? [String: Any])
            let properties = try #require(schema["properties"] as? [String: Any])
            #expect(Set(written.keys) == Set(properties.keys), "\(members)")
            if let app = written["app"] as? [String: Any] {
                let documented = ((properties["app"] as? [String: Any])?["properties"] as? [String: Any]) ?? [:]
                #expect(Set(app.keys) == Set(documented.keys) && app["version"] as? String == "3.0.0", "\(app)")
            }
        }
    }

    @Test("aggregate= takes, per function, the fields every list documents")
    func aggregateFields() throws {
        for name in AppCatalog.names {
            let app = try AppCatalog.app(named: name)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(app.openAPIDocument.utf8)) as? [String: Any])
            let schemas = ((document["components"] as? [String: Any])?["schemas"] as? [String: Any]) ?? [:]
            for case let (_, item as [String: Any]) in (document["paths"] as? [String: Any]) ?? [:] {
                guard let list = item["get"] as? [String: Any], let mark = list["x-loom-table"] as? [String: Any],
                    mark["operation"] as? String == "list", let table = mark["table"] as? String,
                    let descriptor = app.tables.first(where: { $0.name == table }),
                    let reference = ((((list["responses"] as? [String: Any])?["200"] as? [String: Any])?["content"] as? [String: Any])?["application/json"]
                        as? [String: Any])?["schema"] as? [String: Any],
                    let page = schemas[(reference["$ref"] as? String ?? "").components(separatedBy: "/").last ?? ""] as? [String: Any],
                    let aggregations = ((page["properties"] as? [String: Any])?["aggregations"] as? [String: Any])?["properties"] as? [String: Any]
                else { continue }
                for function in AggregateRequest.Function.allCases {
                    let documented = Set((((aggregations[function.rawValue] as? [String: Any])?["properties"]) as? [String: Any] ?? [:]).keys)
                    let accepted = Set(descriptor.filters.filter { $0.filterable && function.accepts($0.rule.kind) }.map(\.name))
                    #expect(documented == accepted, "\(name).\(table) \(function.rawValue)")
                }
            }
        }
    }
}
