import Foundation
import Testing

@testable import CodeGenerator

/// Every component schema and every media type of every app's checked-in document carries an
/// example (issue 23); `.ci/examples` validates each one against its schema in CI.
@Suite("Generated documents: examples")
struct DocumentExampleTests {
    @Test("every component schema has examples; every media type, parameter and header with a schema has an example")
    func everySchemaAndMediaType() throws {
        let generated = Fixtures.root.appendingPathComponent("Generated")
        var schemas = 0, mediaTypes = 0, parametersAndHeaders = 0
        for app in try FileManager.default.contentsOfDirectory(atPath: generated.path).sorted() {
            guard let data = FileManager.default.contents(atPath: generated.appendingPathComponent(app + "/openapi.json").path) else { continue }
            let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let components = document["components"] as? [String: Any] ?? [:]
            for (name, schema) in components["schemas"] as? [String: [String: Any]] ?? [:] {
                schemas += 1
                #expect((schema["examples"] as? [Any])?.isEmpty == false, "\(app): \(name) has no examples")
            }
            var contents: [(String, [String: Any])] = []
            let items = (document["paths"] as? [String: [String: Any]] ?? [:]).merging(
                document["webhooks"] as? [String: [String: Any]] ?? [:]) { first, _ in first }
            for (path, methods) in items {
                for (method, value) in methods {
                    guard let operation = value as? [String: Any] else { continue }
                    for case let parameter as [String: Any] in operation["parameters"] as? [Any] ?? [] where parameter["schema"] != nil {
                        parametersAndHeaders += 1
                        #expect(parameter["example"] != nil, "\(app): \(method) \(path) parameter \(parameter["name"] ?? "")")
                    }
                    let body = (operation["requestBody"] as? [String: Any])?["content"] as? [String: [String: Any]] ?? [:]
                    contents += body.map { ("\(method) \(path) request \($0.key)", $0.value) }
                    for (status, response) in operation["responses"] as? [String: [String: Any]] ?? [:] {
                        for (name, header) in response["headers"] as? [String: [String: Any]] ?? [:] where header["schema"] != nil {
                            parametersAndHeaders += 1
                            #expect(header["example"] != nil, "\(app): \(method) \(path) \(status) header \(name)")
                        }
                        let content = response["content"] as? [String: [String: Any]] ?? [:]
                        contents += content.map { ("\(method) \(path) \(status) \($0.key)", $0.value) }
                    }
                }
            }
            for (name, response) in components["responses"] as? [String: [String: Any]] ?? [:] {
                contents += (response["content"] as? [String: [String: Any]] ?? [:]).map { ("\(name) \($0.key)", $0.value) }
            }
            for (place, media) in contents where media["schema"] != nil {
                mediaTypes += 1
                #expect(media["example"] != nil || media["examples"] != nil, "\(app): \(place) has no example")
            }
        }
        #expect(schemas > 500 && mediaTypes > 500 && parametersAndHeaders > 500,
                "\(schemas) schemas, \(mediaTypes) media types, \(parametersAndHeaders) parameters and headers")
    }

    @Test("an error response's example is the body the app answers: its own codes, status and shape")
    func errorResponseExamples() throws {
        func example(_ app: String, _ response: String) throws -> [String: Any] {
            let url = Fixtures.root.appendingPathComponent("Generated/\(app)/openapi.json")
            let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
            let responses = try #require((document["components"] as? [String: Any])?["responses"] as? [String: [String: Any]])
            let content = try #require(responses[response]?["content"] as? [String: [String: Any]])
            return try #require(content.values.first?["example"] as? [String: Any])
        }
        let problem = try example("Tracker", "ValidationError")
        #expect(problem["status"] as? Int == 422)
        #expect(problem["code"] as? String == "VALIDATION_ERROR")
        #expect(problem["type"] as? String == "urn:loom:problem:validation-error")
        #expect(((problem["errors"] as? [[String: Any]])?.first?["field"] as? String) == "email")
        // b2b maps NOT_FOUND to RESOURCE_NOT_FOUND and wraps its errors in `error`.
        let envelope = try #require(try example("B2b", "NotFound")["error"] as? [String: Any])
        #expect(envelope["code"] as? String == "RESOURCE_NOT_FOUND")
        // stationthis answers validation errors as 400 INVALID_INPUT.
        let stationthis = try #require(try example("Stationthis", "ValidationError")["error"] as? [String: Any])
        #expect(stationthis["code"] as? String == "INVALID_INPUT")
    }

    @Test(
        "a pattern's example is a short string the pattern matches",
        arguments: [
            ("^org_[0-9A-Za-z]{22}$", "org_0HYp6NevCTk1IZq7OfwDUl"),
            ("^(?:[A-Z]{2,5}-[0-9]{1,6})$", "AR-0"),
            ("^(?:[a-z0-9][a-z0-9-]{1,62})$", "aa"),
            ("^(?:[hH][tT][tT][pP][sS]?://[^\\n\\r\\u2028\\u2029]+)$", "http://a"),
            ("^(?:id|name)(?:,(?:id|name))*$", "id"),
            ("^[-+]?(?:id|name)(?::nullsfirst|:nullslast)?$", "id"),
            ("^\\d{3}\\.\\w+$", "777.a"),
        ])
    func patternExample(pattern: String, expected: String) {
        #expect(PatternExample.string(matching: pattern) == expected)
    }

    @Test("patterns the example reader does not handle give no example rather than a wrong one", arguments: ["^(?=a)a$", "^(a)\\1$", "^\\bword$"])
    func unsupportedPattern(pattern: String) {
        #expect(PatternExample.string(matching: pattern) == nil)
    }
}
