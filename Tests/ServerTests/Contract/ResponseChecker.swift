import Foundation
import HTTPTypes
import SchemaModel

/// Checks an answer of the server against the app's OpenAPI document: the status is documented
/// for the operation the request reached, with the documented content type, required headers
/// and a body valid against the documented schema. `TestApp` runs it on every response of every
/// server test, so the document cannot promise what the server does not do, nor the server answer
/// what the document does not say.
struct ResponseChecker: Sendable {
    /// The document answers are held to.
    let document: DocumentedAPI

    /// A checker for the document `text` (parsed once per app).
    init(openAPIDocument text: String) throws {
        document = try DocumentedAPI.of(text)
    }

    /// A checker for `document`.
    init(document: DocumentedAPI) {
        self.document = document
    }

    /// Every way the answer `status`, `headers`, `body` to `method uri` breaks the document,
    /// each naming the operation, the status and, for the body, the JSON path.
    func violations(method: String, uri: String, status: Int, headers: HTTPFields, body: [UInt8]) -> [String] {
        let path = String(uri.prefix { $0 != "?" && $0 != "#" })
        // HEAD is answered wherever GET is, with GET's status and headers and no body (RFC 9110).
        let isHead = method == "HEAD"
        let (operation, pathKnown) = document.operation(method: isHead ? "GET" : method, path: path)
        guard let operation else {
            return undocumentedRoute(method: method, path: path, pathKnown: pathKnown, status: status, headers: headers, body: body)
        }
        let label = "\(operation.name) answered \(status)"
        guard let documented = operation.responses[String(status)] ?? operation.responses["default"] else {
            let listed = operation.responses.members.map(\.key).joined(separator: ", ")
            return ["\(label), which the document does not list (it lists \(listed))"]
        }
        let response = document.resolve(documented)
        var found = missingHeaders(response, headers: headers).map { "\(label): \($0)" }
        found += content(response, headers: headers, body: isHead ? [] : body, isHead: isHead).map { "\(label): \($0)" }
        return found.filter { violation in !Self.allowed.contains { $0.covers(violation, operation: operation.id) } }
    }

    /// A request no operation describes (an unknown path, or a method the path does not have):
    /// the router answers 404 or 405, in the app's error format. Those answers belong to no
    /// operation, so no document can list them; their body must still be a documented error body.
    private func undocumentedRoute(
        method: String, path: String, pathKnown: Bool, status: Int, headers: HTTPFields, body: [UInt8]
    ) -> [String] {
        let label = "\(method) \(path) (no operation) answered \(status)"
        let expected = pathKnown ? [404, 405] : [404]
        guard expected.contains(status) else { return ["\(label); only \(expected.map(String.init).joined(separator: " or ")) can be"] }
        guard let error = document.errorBody else { return ["\(label): the document has no error body to compare with"] }
        let errorResponse = JSONValue.object([
            JSONMember(key: "content", value: .object([JSONMember(key: error.contentType, value: .object([JSONMember(key: "schema", value: error.schema)]))]))
        ])
        return content(errorResponse, headers: headers, body: method == "HEAD" ? [] : body, isHead: method == "HEAD").map { "\(label): \($0)" }
    }

    /// Headers the response object declares `required` that the answer lacks.
    private func missingHeaders(_ response: JSONValue, headers: HTTPFields) -> [String] {
        response["headers"]?.members.compactMap { member in
            let header = document.resolve(member.value)
            guard header["required"] == .bool(true), let name = HTTPField.Name(member.key), headers[name] == nil else { return nil }
            return "the required header \(member.key) is missing"
        } ?? []
    }

    /// The answer's content type and body against the response's `content`.
    private func content(_ response: JSONValue, headers: HTTPFields, body: [UInt8], isHead: Bool) -> [String] {
        let documented = response["content"]?.members ?? []
        guard !documented.isEmpty else {
            return body.isEmpty ? [] : ["a body (\(body.count) bytes) where the document says there is none"]
        }
        let mediaType = headers[.contentType].map(Self.mediaType)
        guard let mediaType else {
            return isHead ? [] : ["no Content-Type; the document says \(documented.map(\.key).joined(separator: " or "))"]
        }
        guard let entry = documented.first(where: { $0.key.lowercased() == mediaType }) else {
            return ["Content-Type \(mediaType); the document says \(documented.map(\.key).joined(separator: " or "))"]
        }
        guard !isHead, mediaType == "application/json" || mediaType.hasSuffix("+json") else { return [] }
        guard let schema = entry.value["schema"] else { return [] }
        let value: JSONValue
        do {
            value = try JSONParser.parse(body)
        } catch {
            return ["the body is not valid JSON (\(error)): \(String(decoding: body.prefix(200), as: UTF8.self))"]
        }
        return JSONSchemaValidator(document: document).violations(of: value, against: schema)
    }

    /// `application/json; charset=utf-8` → `application/json`.
    private static func mediaType(_ header: String) -> String {
        String(header.prefix { $0 != ";" }).trimmingCharacters(in: .whitespaces).lowercased()
    }
}
