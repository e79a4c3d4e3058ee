import Foundation
import Testing

/// Every link of every app's checked-in `Generated/<App>/openapi.json` (a table create's links to
/// the record's reads and writes, a session's links to its extension and end) names an operation
/// of the same document and only path parameters that operation has, so a client or a stateful
/// tester following it never lands on nothing.
@Suite("Generated documents: links")
struct GeneratedDocumentLinkTests {
    @Test("every link names an operation of its document and that operation's path parameters; table creates link their record")
    func linksResolve() throws {
        let generated = Fixtures.root.appendingPathComponent("Generated")
        var links = 0, creates = 0
        for app in try FileManager.default.contentsOfDirectory(atPath: generated.path).sorted() {
            guard let data = FileManager.default.contents(atPath: generated.appendingPathComponent(app + "/openapi.json").path) else { continue }
            let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let paths = document["paths"] as? [String: [String: Any]] ?? [:]
            var operations: [String: String] = [:]
            for (path, methods) in paths {
                for case let operation as [String: Any] in methods.values {
                    if let id = operation["operationId"] as? String { operations[id] = path }
                }
            }
            for (path, methods) in paths {
                for (method, value) in methods {
                    guard let operation = value as? [String: Any] else { continue }
                    for case let response as [String: Any] in (operation["responses"] as? [String: Any] ?? [:]).values {
                        let found = response["links"] as? [String: [String: Any]] ?? [:]
                        if method == "post", !found.isEmpty, (operation["operationId"] as? String)?.hasPrefix("create") == true { creates += 1 }
                        for (name, link) in found {
                            links += 1
                            let target = try #require(link["operationId"] as? String, "\(app) \(method) \(path): \(name)")
                            let targetPath = try #require(operations[target], "\(app) \(method) \(path): \(name) names no operation")
                            for parameter in (link["parameters"] as? [String: Any] ?? [:]).keys {
                                #expect(targetPath.contains("{\(parameter)}"), "\(app) \(name): \(targetPath) has no {\(parameter)}")
                            }
                        }
                    }
                }
            }
        }
        #expect(links > 50 && creates > 10, "links \(links), creates with links \(creates)")
    }
}
