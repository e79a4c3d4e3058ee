import Foundation
import Testing

/// Every app's checked-in `Generated/<App>/openapi.json`, walked whole: client generators make a
/// type of every inline enum and name it after where it sits, so an enum repeated inline becomes
/// several types, and a component named like such a derived name (`AuthMember` + `role` =
/// `AuthMemberRole`) makes openapi-python-client drop the models involved.
@Suite("Generated documents: named enums, no derived-name clashes")
struct GeneratedDocumentNamesTests {
    private static var documents: [(String, [String: Any])] {
        get throws {
            let generated = Fixtures.root.appendingPathComponent("Generated")
            let apps = try FileManager.default.contentsOfDirectory(atPath: generated.path).sorted()
            return try apps.compactMap { app in
                let url = generated.appendingPathComponent(app).appendingPathComponent("openapi.json")
                guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
                return (app, try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]))
            }
        }
    }

    /// Each inline enum of two or more values (not a component itself), by its sorted values, with where it sits.
    private static func inlineEnums(_ node: Any, at path: String, into found: inout [[String]: [String]]) {
        if let object = node as? [String: Any] {
            let isComponent = path.split(separator: "/").count == 3 && path.hasPrefix("/components/schemas/")
            if !isComponent, let values = object["enum"] as? [Any], values.count > 1 {
                found[values.map { "\($0)" }.sorted(), default: []].append(path)
            }
            for (key, value) in object { inlineEnums(value, at: path + "/" + key, into: &found) }
        } else if let array = node as? [Any] {
            for (index, value) in array.enumerated() { inlineEnums(value, at: path + "/\(index)", into: &found) }
        }
    }

    @Test("no app's document repeats an inline enum: each is a component referred to by $ref")
    func noRepeatedInlineEnum() throws {
        let documents = try Self.documents
        #expect(documents.count >= 10)
        for (app, document) in documents {
            var found: [[String]: [String]] = [:]
            Self.inlineEnums(document, at: "", into: &found)
            for (values, paths) in found where paths.count > 1 {
                Issue.record("\(app): the enum \(values) is written inline \(paths.count) times: \(paths)")
            }
        }
    }

    @Test("every app names its table enums, organization roles and batch bodies as components")
    func trackerComponents() throws {
        let tracker = try #require(try Self.documents.first { $0.0 == "Tracker" }?.1)
        let schemas = try #require(openAPIValue(tracker, "components", "schemas") as? [String: Any])
        for name in ["Project", "ProjectCreate", "ProjectUpdate", "ProjectStatus", "TaskStatus", "OrganizationRole", "AppRole",
                     "APIKeyEnvironment", "WebhookMessageStatus", "ProjectBatch", "ProjectBatchOperation"] {
            #expect(schemas[name] != nil, "\(name)")
        }
        for member in ["AuthMember", "AuthOrganization", "AuthInvitation", "AuthInvitationCreate", "AuthMemberRoleChange"] {
            #expect(openAPIValue(schemas, member, "properties", "role", "$ref") as? String == "#/components/schemas/OrganizationRole", "\(member)")
        }
        #expect(openAPIValue(tracker, "paths", "/v1/projects/{id}", "get", "operationId") as? String == "getProject")
        #expect(openAPIValue(tracker, "paths", "/v1/projects", "get", "operationId") as? String == "listProjects")
    }

    @Test("no component is named like the type a client generator derives for another one's inline member")
    func noDerivedNameClash() throws {
        for (app, document) in try Self.documents {
            let schemas = try #require(openAPIValue(document, "components", "schemas") as? [String: Any])
            for (name, schema) in schemas {
                let properties = (schema as? [String: Any])?["properties"] as? [String: Any] ?? [:]
                for (member, value) in properties {
                    guard let inline = value as? [String: Any], inline["$ref"] == nil,
                        inline["enum"] != nil || inline["properties"] != nil
                    else { continue }
                    let derived = name + member.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
                    #expect(schemas[derived] == nil, "\(app): \(name).\(member) would be a client type \(derived), which is a component too")
                }
            }
        }
    }
}
