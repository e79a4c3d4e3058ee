import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// An answer as an idempotency record keeps it: status, the header fields a replay must repeat
/// (`Content-Type`, `Location`, `ETag`) and the body. Header fields that describe the exchange
/// rather than the result (`X-Request-Id`, rate-limit fields, `Date`) are written fresh on a replay.
public struct IdempotentAnswer: Sendable, Equatable {
    /// The status code.
    public var status: Int
    /// The kept fields, `(name, value)` in the order they were sent.
    public var headers: [(String, String)]
    /// The body (JSON text: every answer a covered operation gives is JSON or empty).
    public var body: [UInt8]

    /// The fields a replay repeats.
    static let keptFields: [HTTPField.Name] = [.contentType, .location, .eTag]

    /// Creates an answer.
    public init(status: Int, headers: [(String, String)], body: [UInt8]) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// The answer of `status` with the kept fields of `fields`.
    init(status: HTTPResponse.Status, fields: HTTPFields, body: [UInt8]) {
        self.status = status.code
        self.headers = Self.keptFields.compactMap { name in fields[name].map { (name.rawName, $0) } }
        self.body = body
    }

    /// Whether the answer may be kept: 5xx (the server failed) and 429 (the client must wait)
    /// are not, so the client's retry runs again.
    static func isKept(_ status: HTTPResponse.Status) -> Bool {
        status.code < 500 && status != .tooManyRequests
    }

    /// The answer as a response, with `Idempotent-Replayed: true` when it is replayed.
    func response(replayed: Bool) -> Response {
        var fields = HTTPFields()
        for (name, value) in headers { if let name = HTTPField.Name(name) { fields.append(HTTPField(name: name, value: value)) } }
        if replayed { fields[.idempotentReplayed] = "true" }
        let body: ResponseBody = self.body.isEmpty ? .init() : .init(byteBuffer: ByteBuffer(bytes: self.body))
        return Response(status: HTTPResponse.Status(code: status), headers: fields, body: body)
    }

    /// `headers` as stored: one `name: value` line each.
    var storedHeaders: String {
        headers.map { "\($0.0): \($0.1)" }.joined(separator: "\n")
    }

    /// `headers` read back from `storedHeaders`.
    static func headers(stored text: String) -> [(String, String)] {
        text.split(separator: "\n").compactMap { line in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
    }

    /// Equal status, fields and body.
    public static func == (left: IdempotentAnswer, right: IdempotentAnswer) -> Bool {
        left.status == right.status && left.body == right.body && left.headers.elementsEqual(right.headers) { $0 == $1 }
    }
}

extension HTTPField.Name {
    /// `Idempotent-Replayed: true` on an answer replayed from an idempotency record.
    public static let idempotentReplayed = HTTPField.Name("Idempotent-Replayed")!
}
