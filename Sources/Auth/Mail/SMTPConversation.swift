import NIOCore

/// Commands and replies of one SMTP connection: each command is a CRLF line, each reply one
/// or more `<code>-text` lines ending with `<code> text` (RFC 5321 §4.2).
struct SMTPConversation {
    var replies: SMTPReplyReader
    let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>

    /// Reads a reply and checks its code; returns its text lines (for `EHLO`, the capabilities).
    @discardableResult
    mutating func expect(_ codes: Int..., step: String) async throws -> [String] {
        let reply = try await replies.next()
        guard codes.contains(reply.code) else {
            throw MailDeliveryError(
                code: .rejected, message: "the SMTP server answered \(reply.code) at \(step): \(reply.lines.first?.prefix(200) ?? "")")
        }
        return reply.lines
    }

    /// Sends `line` + CRLF and checks the reply. A `secret` line (credentials) is never
    /// repeated in an error.
    mutating func command(_ line: String, expect codes: Int..., step: String, secret: Bool = false) async throws -> [String] {
        do {
            try await outbound.write(ByteBuffer(string: line + "\r\n"))
        } catch {
            throw MailDeliveryError(code: .connectionFailed, message: "the SMTP connection closed before \(step)")
        }
        let reply = try await replies.next()
        guard codes.contains(reply.code) else {
            let text = secret ? "" : ": " + String(reply.lines.first?.prefix(200) ?? "")
            throw MailDeliveryError(code: .rejected, message: "the SMTP server answered \(reply.code) at \(step)\(text)")
        }
        return reply.lines
    }
}

/// Splits the inbound bytes into CRLF lines and groups them into replies.
struct SMTPReplyReader {
    /// One reply: its code and the text of each line.
    struct Reply {
        let code: Int
        let lines: [String]
    }

    /// Longest line accepted (RFC 5321 allows 512; generous for chatty servers).
    static let maxLineBytes = 4096

    var iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator
    var pending: [UInt8] = []

    init(iterator: NIOAsyncChannelInboundStream<ByteBuffer>.AsyncIterator) {
        self.iterator = iterator
    }

    /// The next complete reply.
    mutating func next() async throws -> Reply {
        var lines: [String] = []
        while true {
            let line = try await nextLine()
            let bytes = Array(line.utf8)
            guard bytes.count >= 3, let code = Int(String(decoding: bytes[0..<3], as: UTF8.self)), (200...599).contains(code) else {
                throw MailDeliveryError(code: .rejected, message: "the SMTP server sent a malformed reply")
            }
            lines.append(bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : "")
            if bytes.count == 3 || bytes[3] == UInt8(ascii: " ") { return Reply(code: code, lines: lines) }
        }
    }

    private mutating func nextLine() async throws -> String {
        while true {
            if let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
                var line = Array(pending[..<end])
                pending.removeFirst(end + 1)
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return String(decoding: line, as: UTF8.self)
            }
            guard pending.count <= Self.maxLineBytes else {
                throw MailDeliveryError(code: .rejected, message: "the SMTP server sent a line longer than \(Self.maxLineBytes) bytes")
            }
            let chunk: ByteBuffer?
            do {
                chunk = try await iterator.next()
            } catch {
                throw MailDeliveryError(code: .connectionFailed, message: "the SMTP connection failed (\(type(of: error)))")
            }
            guard let chunk else { throw MailDeliveryError(code: .connectionFailed, message: "the SMTP server closed the connection") }
            pending.append(contentsOf: chunk.readableBytesView)
        }
    }
}
