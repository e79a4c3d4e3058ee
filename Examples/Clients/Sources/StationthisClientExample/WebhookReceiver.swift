// A receiver for one webhook delivery, on 127.0.0.1 at a port the system picks. It is as small as
// an example allows (POSIX sockets, one request, HTTP/1.1 with Content-Length); a service receives
// its webhooks in its web framework (Hummingbird, Vapor) and verifies them the same way.

import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One POST the receiver got: its path, its headers (lower-cased names) and its raw body.
struct Delivery: Sendable {
    let path: String
    let headers: [String: String]
    let body: [UInt8]
}

struct ReceiverError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// Listens on 127.0.0.1 from `init` on, so a delivery that comes early waits in the backlog.
final class WebhookReceiver: Sendable {
    let port: UInt16
    private let listener: Int32

    init() throws {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw ReceiverError("socket() failed: errno \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0  // any free port
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ready = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(descriptor, socketAddress, length) == 0 && listen(descriptor, 8) == 0
                    && getsockname(descriptor, socketAddress, &length) == 0
            }
        }
        guard ready else {
            close(descriptor)
            throw ReceiverError("cannot listen on 127.0.0.1: errno \(errno)")
        }
        listener = descriptor
        port = UInt16(bigEndian: address.sin_port)
    }

    deinit { close(listener) }

    /// The URL to give the server as the delivery URL.
    var url: String { "http://127.0.0.1:\(port)/generation-done" }

    /// Waits up to `seconds` for one request and answers it 204. Accepting and reading block, so
    /// they run on a thread of their own.
    func receive(within seconds: Int32) async throws -> Delivery {
        let listener = self.listener
        return try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try Self.readOne(from: listener, within: seconds) }) }.start()
        }
    }

    private static func readOne(from listener: Int32, within seconds: Int32) throws -> Delivery {
        var waiting = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
        guard poll(&waiting, 1, seconds * 1000) == 1 else { throw ReceiverError("no request within \(seconds) s") }
        let connection = accept(listener, nil, nil)
        guard connection >= 0 else { throw ReceiverError("accept() failed: errno \(errno)") }
        defer { close(connection) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            // The head ends at the first empty line; the body is the Content-Length bytes after it.
            if let headEnd = received.firstRange(of: [13, 10, 13, 10]) {
                let lines = String(decoding: received[..<headEnd.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
                var headers: [String: String] = [:]
                for line in lines.dropFirst() {
                    guard let colon = line.firstIndex(of: ":") else { continue }
                    headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                }
                let length = Int(headers["content-length"] ?? "") ?? 0
                if received.count - headEnd.upperBound >= length {
                    let answer = Array("HTTP/1.1 204 No Content\r\nConnection: close\r\n\r\n".utf8)
                    _ = answer.withUnsafeBytes { write(connection, $0.baseAddress, $0.count) }
                    let requestLine = lines[0].split(separator: " ")
                    return Delivery(
                        path: requestLine.count > 1 ? String(requestLine[1]) : "",
                        headers: headers,
                        body: Array(received[headEnd.upperBound..<(headEnd.upperBound + length)]))
                }
            }
            let count = read(connection, &buffer, buffer.count)
            guard count > 0 else { throw ReceiverError("the connection closed before the request's end") }
            received += buffer[..<count]
        }
    }
}
