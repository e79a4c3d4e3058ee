import Foundation
import Testing

/// OpenAPI `links` (issue 23), held over every app's checked-in `Generated/<App>/openapi.json`:
/// every 201 answer (and an upsert's or copy's 200 and 201) of a resource with a read by id links
/// to that read, and every link names an operation of the same document, fills exactly that
/// operation's path parameters, and points at a member the answer has, so a client or a stateful
/// tester following it never lands on nothing.
@Suite("Generated documents: links")
struct GeneratedDocumentLinkTests {
    @Test("every create of a resource with a read by id links to that read")
    func createsLinkToReads() throws {
        var creates = 0
        for (name, document) in try Self.documents() {
            let operations = Self.operations(document)
            let reads = Dictionary(operations.filter { $0.method == "get" }.map { ($0.path, $0.id) }, uniquingKeysWith: { first, _ in first })
            for operation in operations {
                let makesRecord = operation.id.hasPrefix("upsert") || operation.id.hasPrefix("copy")
                let statuses = makesRecord ? ["200", "201"] : ["201"]
                for status in statuses {
                    guard let answer = operation.responses[status] as? [String: Any], Self.jsonSchema(answer) != nil,
                        let read = Self.read(of: operation, makesRecord: makesRecord, reads: reads)
                    else { continue }
                    creates += 1
                    let links = answer["links"] as? [String: Any] ?? [:]
                    let targets = links.values.compactMap { ($0 as? [String: Any])?["operationId"] as? String }
                    #expect(targets.contains(read), "\(name) \(operation.method.uppercased()) \(operation.path) \(status): no link to \(read) (links: \(targets.sorted()))")
                }
            }
        }
        #expect(creates >= 40, "creates with a read checked: \(creates)")
    }

    @Test("every link names an existing operation, fills exactly its path parameters, from members the answer has")
    func linksAreWellFormed() throws {
        var checked = 0
        for (name, document) in try Self.documents() {
            let operations = Self.operations(document)
            let byID = Dictionary(operations.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            for operation in operations {
                for (status, answer) in operation.responses {
                    guard let answer = answer as? [String: Any], let links = answer["links"] as? [String: Any] else { continue }
                    let schema = Self.jsonSchema(answer)
                    for (linkName, link) in links {
                        let where_ = "\(name) \(operation.id) \(status) link \(linkName)"
                        let link = try #require(link as? [String: Any], "\(where_)")
                        let targetID = try #require(link["operationId"] as? String, "\(where_): no operationId")
                        guard let target = byID[targetID] else {
                            Issue.record("\(where_): no operation \(targetID)")
                            continue
                        }
                        let parameters = link["parameters"] as? [String: String] ?? [:]
                        #expect(Set(parameters.keys) == Self.pathParameters(target.path), "\(where_): fills \(parameters.keys.sorted()) of \(target.path)")
                        for (parameter, expression) in parameters {
                            let prefix = "$response.body#"
                            #expect(expression.hasPrefix(prefix), "\(where_): \(parameter) = \(expression)")
                            let pointer = String(expression.dropFirst(prefix.count))
                            #expect(Self.resolve(pointer, in: schema, document: document), "\(where_): \(pointer) is not a member of the answer")
                        }
                        checked += 1
                    }
                }
            }
        }
        #expect(checked >= 150, "links checked: \(checked)")
    }

    struct Operation {
        let path: String
        let method: String
        let id: String
        let responses: [String: Any]
    }

    /// Every app's checked-in document, by its folder name.
    static func documents() throws -> [(String, [String: Any])] {
        let generated = Fixtures.root.appendingPathComponent("Generated")
        return try FileManager.default.contentsOfDirectory(atPath: generated.path).sorted().compactMap { app in
            guard let data = FileManager.default.contents(atPath: generated.appendingPathComponent(app + "/openapi.json").path) else { return nil }
            return (app, try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any]))
        }
    }

    /// `schema` with its reference to a component resolved.
    static func resolved(_ schema: [String: Any]?, in document: [String: Any]) -> [String: Any]? {
        guard let reference = schema?["$ref"] as? String else { return schema }
        let name = String(reference.split(separator: "/").last ?? "")
        return ((document["components"] as? [String: Any])?["schemas"] as? [String: Any])?[name] as? [String: Any]
    }

    static func operations(_ document: [String: Any]) -> [Operation] {
        (document["paths"] as? [String: Any] ?? [:]).flatMap { path, item in
            (item as? [String: Any] ?? [:]).compactMap { method, value -> Operation? in
                guard let operation = value as? [String: Any], let id = operation["operationId"] as? String else { return nil }
                return Operation(path: path, method: method, id: id, responses: operation["responses"] as? [String: Any] ?? [:])
            }
        }
    }

    /// The read by id of what `operation` made: `GET <collection>/{param}`, where the collection
    /// is a create's own path, or an upsert's or copy's path without its action (and the id it copies).
    static func read(of operation: Operation, makesRecord: Bool, reads: [String: String]) -> String? {
        var collection = operation.path.split(separator: "/").map(String.init)
        if makesRecord {
            collection.removeLast()
            if collection.last?.hasPrefix("{") == true { collection.removeLast() }
        } else if operation.method != "post" {
            return nil
        }
        let prefix = "/" + collection.joined(separator: "/") + "/{"
        return reads.first { $0.key.hasPrefix(prefix) && !$0.key.dropFirst(prefix.count).contains("/") }?.value
    }

    static func pathParameters(_ path: String) -> Set<String> {
        Set(path.split(separator: "/").filter { $0.hasPrefix("{") }.map { String($0.dropFirst().dropLast()) })
    }

    static func jsonSchema(_ answer: [String: Any]) -> [String: Any]? {
        (((answer["content"] as? [String: Any])?["application/json"] as? [String: Any])?["schema"]) as? [String: Any]
    }

    /// Whether the JSON pointer `pointer` names a member of `schema`, following references.
    static func resolve(_ pointer: String, in schema: [String: Any]?, document: [String: Any]) -> Bool {
        var current = resolved(schema, in: document)
        for member in pointer.split(separator: "/") {
            guard let properties = current?["properties"] as? [String: Any], let next = properties[String(member)] as? [String: Any] else { return false }
            current = resolved(next, in: document)
        }
        return current != nil
    }
}
