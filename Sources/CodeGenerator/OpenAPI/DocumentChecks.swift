import APIContract
import Foundation
import OpenAPIKit

/// The checks a generated document passes before it is written, so a generator mistake fails
/// generation instead of a client: unique tag names and operation ids, parameters unique within
/// a path item and within an operation, every path template variable declared as a path
/// parameter and every path parameter in the template, a response for every operation, and every
/// `$ref` resolving inside the document.
///
/// These are the rules OpenAPIKit's `Validator` applied here before, walked once over the typed
/// document (and the references over its JSON text, which is written anyway). The validator
/// encodes the whole document through a validating encoder that tries each rule at each node:
/// for an app of 50 tables that was 70 % of a generation (3.6 s in a debug build). The third-party
/// check stays in CI: `openapi-spec-validator` reads every committed document.
enum DocumentChecks {
    /// What is wrong with `document`, whose JSON text is `json`; empty when nothing is.
    static func problems(in document: OpenAPI.Document, json: String) -> [String] {
        var problems: [String] = []
        problems += duplicates(of: (document.tags ?? []).map(\.name)).map { "the tag name \($0) is used twice" }
        var operationIDs: [String] = []
        for (path, item) in document.paths {
            guard case .b(let item) = item else { continue }
            let pathText = path.rawValue
            let itemParameters = parameters(item.parameters, in: document.components)
            problems += duplicates(of: itemParameters.map(\.identity)).map { "\(pathText): the parameter \($0) is declared twice" }
            let templateNames = Set(pathText.templateParameters)
            for endpoint in item.endpoints {
                let operation = endpoint.operation
                let place = "\(endpoint.method.rawValue.uppercased()) \(pathText)"
                if let id = operation.operationId { operationIDs.append(id) }
                let own = parameters(operation.parameters, in: document.components)
                problems += duplicates(of: own.map(\.identity)).map { "\(place): the parameter \($0) is declared twice" }
                let pathParameters = Set((itemParameters + own).filter { $0.location == .path }.map(\.name))
                for name in templateNames.subtracting(pathParameters).sorted() {
                    problems.append("\(place): the path variable {\(name)} has no path parameter")
                }
                for name in pathParameters.subtracting(templateNames).sorted() {
                    problems.append("\(place): the path parameter \(name) is not in the path")
                }
                if operation.responses.isEmpty { problems.append("\(place): the operation has no response") }
            }
        }
        problems += duplicates(of: operationIDs).map { "the operationId \($0) is used twice" }
        problems += unresolvedReferences(in: json, components: document.components).map {
            "the reference \($0) resolves to nothing in the document"
        }
        return problems
    }

    /// A parameter's name and location.
    private struct ParameterKey {
        let name: String
        let location: OpenAPI.Parameter.Context.Location
        var identity: String { "\(name) (in \(location.rawValue))" }
    }

    /// The parameters of a list, references looked up in the components (an unresolvable one is
    /// reported with the other references).
    private static func parameters(_ list: OpenAPI.Parameter.Array, in components: OpenAPI.Components) -> [ParameterKey] {
        list.compactMap { entry -> ParameterKey? in
            let parameter: OpenAPI.Parameter?
            switch entry {
            case .a(let reference): parameter = components[reference]
            case .b(let value): parameter = value
            }
            return parameter.map { ParameterKey(name: $0.name, location: $0.location) }
        }
    }

    /// The values met more than once, each once, in order of their second appearance.
    static func duplicates(of values: [String]) -> [String] {
        var seen = Set<String>(), reported = Set<String>(), result: [String] = []
        for value in values where !seen.insert(value).inserted && reported.insert(value).inserted {
            result.append(value)
        }
        return result
    }

    /// Every `$ref` of the JSON document `json` that does not point at a value inside it (only
    /// references within the document, `#/...`, are made by the generator; any other is reported).
    ///
    /// The references are read from the text (`ReferenceScanner`). One naming a component of
    /// `components`, the typed components `json` was encoded from, resolves without parsing the
    /// text: parsing the whole document into `Any` was 7 % of a generation of 50 tables. Any other
    /// reference (a deeper pointer, a kind `namesComponent` does not look up, a missing
    /// component) is resolved in the parsed text, so the answer is the parsed text's either way.
    static func unresolvedReferences(in json: String, components: OpenAPI.Components? = nil) -> [String] {
        let others = ReferenceScanner.references(in: json).filter { reference in
            components.map { !namesComponent(reference, in: $0) } ?? true
        }
        guard !others.isEmpty else { return [] }
        guard let root = try? JSONSerialization.jsonObject(with: Data(json.utf8)) else { return ["(the document is not JSON)"] }
        return others.sorted().filter { resolve($0, in: root) == nil }
    }

    /// Whether `reference` names a component of `components` as their encoder writes it
    /// (`#/components/schemas/Project`; a component name is `[a-zA-Z0-9.-_]+`, so it needs no
    /// JSON pointer escape). `mediaTypes` is left out: OpenAPI 3.1 documents do not encode it.
    /// Looked up one by one: listing the components' keys copied every component (OpenAPIKit's
    /// `keys` maps the pairs).
    static func namesComponent(_ reference: String, in components: OpenAPI.Components) -> Bool {
        let parts = reference.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "#", parts[1] == "components", let key = OpenAPI.ComponentKey(rawValue: String(parts[3]))
        else { return false }
        switch parts[2] {
        case "schemas": return components.schemas[key] != nil
        case "responses": return components.responses[key] != nil
        case "parameters": return components.parameters[key] != nil
        case "examples": return components.examples[key] != nil
        case "requestBodies": return components.requestBodies[key] != nil
        case "headers": return components.headers[key] != nil
        case "securitySchemes": return components.securitySchemes[key] != nil
        case "links": return components.links[key] != nil
        case "callbacks": return components.callbacks[key] != nil
        case "pathItems": return components.pathItems[key] != nil
        default: return false
        }
    }

    /// The value a local JSON pointer reference (`#/components/schemas/Project`) names in `root`.
    static func resolve(_ reference: String, in root: Any) -> Any? {
        guard reference.hasPrefix("#") else { return nil }
        var current: Any = root
        for token in reference.dropFirst().split(separator: "/", omittingEmptySubsequences: false).dropFirst() {
            let key = token.replacingOccurrences(of: "~1", with: "/").replacingOccurrences(of: "~0", with: "~")
            if let object = current as? [String: Any], let next = object[key] {
                current = next
            } else if let array = current as? [Any], let index = Int(key), array.indices.contains(index) {
                current = array[index]
            } else {
                return nil
            }
        }
        return current
    }
}
