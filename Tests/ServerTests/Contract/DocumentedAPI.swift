import Foundation
import Generated
import SchemaModel

/// An app's OpenAPI document as the response checker reads it: every operation with its
/// method, path template and responses, and `$ref` resolution.
struct DocumentedAPI: Sendable {
    /// One documented operation.
    struct Operation: Sendable {
        /// Upper-case method (`GET`).
        let method: String
        /// Path template (`/v1/items/{id}`).
        let template: String
        /// The template's segments; `nil` for a `{parameter}`.
        let segments: [String?]
        /// `operationId`.
        let id: String
        /// The `responses` object.
        let responses: JSONValue

        /// How failures name it: `GET /v1/items/{id} (getItem)`.
        var name: String { "\(method) \(template) (\(id))" }
    }

    /// The whole document.
    let root: JSONValue
    /// Every operation.
    let operations: [Operation]

    /// Reads `text`, an OpenAPI 3.1 document.
    init(text: String) throws {
        self.init(root: try JSONParser.parse(text))
    }

    /// The document `root`.
    init(root: JSONValue) {
        self.root = root
        var operations: [Operation] = []
        for path in root["paths"]?.members ?? [] {
            let segments = Self.segments(of: path.key).map { $0.hasPrefix("{") && $0.hasSuffix("}") ? nil : String($0) }
            for entry in path.value.members where Self.methods.contains(entry.key) {
                operations.append(Operation(
                    method: entry.key.uppercased(), template: path.key, segments: segments,
                    id: entry.value["operationId"]?.string ?? "?", responses: entry.value["responses"] ?? .object([])))
            }
        }
        self.operations = operations
    }

    /// This document with one more operation, for a test that registers a route of its own
    /// (`operation` is the operation object as JSON text).
    func adding(_ method: String, _ path: String, operation: String) throws -> DocumentedAPI {
        let added = JSONMember(key: method.lowercased(), value: try JSONParser.parse(operation))
        var paths = root["paths"]?.members ?? []
        if let index = paths.firstIndex(where: { $0.key == path }) {
            paths[index].value = .object(paths[index].value.members + [added])
        } else {
            paths.append(JSONMember(key: path, value: .object([added])))
        }
        let members = root.members.map { $0.key == "paths" ? JSONMember(key: "paths", value: .object(paths)) : $0 }
        return DocumentedAPI(root: .object(members))
    }

    /// The documents of the apps compiled into the server, parsed once.
    private static let known: [String: DocumentedAPI] = {
        var known: [String: DocumentedAPI] = [:]
        for text in [Bench.openAPIDocument, Tracker.openAPIDocument, Eventflow.openAPIDocument] {
            known[text] = try? DocumentedAPI(text: text)
        }
        return known
    }()

    /// The parsed `text`, from the cache when it is one of the compiled apps' documents.
    static func of(_ text: String) throws -> DocumentedAPI {
        if let known = known[text] { return known }
        return try DocumentedAPI(text: text)
    }

    /// The operation answering `method` on a concrete `path` (no query), chosen as the router
    /// chooses: at each segment a literal beats a parameter. `pathKnown` says whether any
    /// operation's template matches the path (another method's).
    func operation(method: String, path: String) -> (operation: Operation?, pathKnown: Bool) {
        let parts = Self.segments(of: path)
        let matching = operations.filter { operation in
            operation.segments.count == parts.count
                && zip(operation.segments, parts).allSatisfy { segment, part in segment.map { $0 == part } ?? true }
        }
        guard let best = matching.map(\.segments).max(by: Self.lessSpecific) else { return (nil, false) }
        let documented = matching.first { $0.segments == best && $0.method == method }
        return (documented, true)
    }

    /// `value` with any chain of local `$ref`s followed.
    func resolve(_ value: JSONValue) -> JSONValue {
        var current = value
        var seen = 0
        while let reference = current["$ref"]?.string, seen < 32 {
            guard let target = pointer(reference) else { return current }
            current = target
            seen += 1
        }
        return current
    }

    /// The value at a local JSON pointer (`#/components/schemas/Item`).
    func pointer(_ reference: String) -> JSONValue? {
        guard reference.hasPrefix("#/") else { return nil }
        var current: JSONValue? = root
        for token in reference.dropFirst(2).split(separator: "/", omittingEmptySubsequences: false) {
            let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            current = current?[key]
        }
        return current
    }

    /// The schema of the app's error bodies (what `NotFound` holds) and its media type.
    var errorBody: (contentType: String, schema: JSONValue)? {
        guard let content = root["components"]?["responses"]?["NotFound"]?["content"]?.members.first,
            let schema = content.value["schema"]
        else { return nil }
        return (content.key, schema)
    }

    private static let methods: Set<String> = ["get", "put", "post", "delete", "options", "head", "patch", "trace"]

    private static func segments(of path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }

    /// Whether `left` loses to `right`: at the first segment where one is literal and the other
    /// a parameter, the literal wins.
    private static func lessSpecific(_ left: [String?], _ right: [String?]) -> Bool {
        for (a, b) in zip(left, right) where (a == nil) != (b == nil) {
            return a == nil
        }
        return false
    }
}
