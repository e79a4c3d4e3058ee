import NIOCore
import NIOPosix

/// Sends request text to a live server on 127.0.0.1 and returns the raw bytes of the responses,
/// for tests that compare answers byte for byte (a client library would normalise them).
enum RawHTTPExchange {
    /// Writes `request` (one or several pipelined requests) and reads until `responseCount`
    /// complete responses (each with a `Content-Length`) have arrived; `bodiless` responses
    /// (to `HEAD`) end with their head.
    static func exchange(port: Int, _ request: String, responseCount: Int = 1, bodiless: Bool = false) async throws -> String {
        try await connect(port: port).executeThenClose { inbound, outbound in
            try await outbound.write(ByteBuffer(string: request))
            var received = ""
            for try await chunk in inbound {
                received += String(buffer: chunk)
                if completeResponses(in: received, bodiless: bodiless) >= responseCount { break }
            }
            return received
        }
    }

    /// A plain TCP connection to the server on 127.0.0.1, read and written as bytes.
    static func connect(port: Int) async throws -> NIOAsyncChannel<ByteBuffer, ByteBuffer> {
        try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connect(host: "127.0.0.1", port: port) { channel in
                channel.eventLoop.makeCompletedFuture { try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel) }
            }
    }

    /// How many whole responses (head and `Content-Length` body, or the head alone when
    /// `bodiless`) `text` holds.
    static func completeResponses(in text: String, bodiless: Bool = false) -> Int {
        var rest = Substring(text)
        var count = 0
        while let headEnd = rest.range(of: "\r\n\r\n") {
            let head = rest[..<headEnd.lowerBound]
            let lengthLine = head.split(separator: "\r\n").first { $0.lowercased().hasPrefix("content-length:") }
            let declared = lengthLine.flatMap { Int($0.split(separator: ":")[1].trimmingCharacters(in: .whitespaces)) } ?? 0
            let length = bodiless ? 0 : declared
            let body = rest[headEnd.upperBound...]
            guard body.utf8.count >= length else { break }
            rest = body.dropFirst(length)
            count += 1
        }
        return count
    }
}
