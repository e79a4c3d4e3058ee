import Foundation
import HTTPTypes
import Testing

/// Checking answers read off the socket (`RawHTTPExchange`), for tests that compare bytes.
extension ResponseChecker {
    /// Checks each response in `responses` (raw HTTP/1.1 text, `Content-Length` framed) against
    /// the request at the same position in `requests` (raw pipelined request text); each
    /// violation, or a count that does not match, is an issue at `sourceLocation`.
    func check(rawRequests requests: String, rawResponses responses: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let requestLines = requests.components(separatedBy: "\r\n\r\n").compactMap { head -> (String, String)? in
            let parts = head.prefix { $0 != "\r" }.split(separator: " ")
            return parts.count >= 2 ? (String(parts[0]), String(parts[1])) : nil
        }
        let answers = Self.parse(responses)
        guard answers.count == requestLines.count else {
            Issue.record("\(requestLines.count) requests, \(answers.count) responses", sourceLocation: sourceLocation)
            return
        }
        for ((method, uri), answer) in zip(requestLines, answers) {
            for violation in violations(method: method, uri: uri, status: answer.status, headers: answer.headers, body: answer.body) {
                Issue.record(Comment(rawValue: "The answer breaks the OpenAPI document: \(violation)"), sourceLocation: sourceLocation)
            }
        }
    }

    /// The responses in `text`: status, headers and `Content-Length` bytes of body each.
    static func parse(_ text: String) -> [(status: Int, headers: HTTPFields, body: [UInt8])] {
        var rest = Substring(text)
        var responses: [(status: Int, headers: HTTPFields, body: [UInt8])] = []
        while let headEnd = rest.range(of: "\r\n\r\n") {
            let lines = rest[..<headEnd.lowerBound].components(separatedBy: "\r\n")
            let status = lines.first.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
            var headers = HTTPFields()
            for line in lines.dropFirst() {
                guard let colon = line.firstIndex(of: ":"), let name = HTTPField.Name(String(line[..<colon])) else { continue }
                headers.append(HTTPField(name: name, value: line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)))
            }
            let length = headers[.contentLength].flatMap { Int($0) } ?? 0
            let body = Array(rest[headEnd.upperBound...].utf8.prefix(length))
            responses.append((status, headers, body))
            rest = Substring(String(decoding: rest[headEnd.upperBound...].utf8.dropFirst(length), as: UTF8.self))
        }
        return responses
    }
}
