import NIOCore
import NIOPosix
import NIOSSL

/// A scripted SMTP server on 127.0.0.1 for the SMTP sender's tests: it greets, answers each
/// command and records every line it receives (the `DATA` payload too).
struct FakeSMTPServer: Sendable {
    /// How the server behaves.
    struct Script: Sendable {
        /// `EHLO` reply lines after the greeting name.
        var capabilities = ["8BITMIME", "AUTH PLAIN LOGIN"]
        /// Answer `RCPT TO` with 550.
        var rejectRecipient = false
        /// Never send the greeting (the client must time out).
        var silent = false
        /// Speak TLS: from the first byte (`implicit`) or after `STARTTLS` (offered in `EHLO`).
        var tls: NIOSSLContext? = nil
        /// With `tls`, whether TLS starts with the connection instead of `STARTTLS`.
        var implicitTLS = false
    }

    /// The lines received, in order.
    let transcript = Transcript()
    /// The port it listens on.
    let port: Int

    /// Runs `body` with a server listening on 127.0.0.1, closed afterwards.
    static func run(_ script: Script = Script(), _ body: @Sendable (FakeSMTPServer) async throws -> Void) async throws {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls = script.tls, script.implicitTLS {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls))
                    }
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
        let fake = FakeSMTPServer(port: server.channel.localAddress?.port ?? 0)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await server.executeThenClose { connections in
                    for try await connection in connections {
                        try? await fake.serve(connection, script: script)
                    }
                }
            }
            do {
                try await body(fake)
            } catch {
                server.channel.close(promise: nil)
                group.cancelAll()
                throw error
            }
            server.channel.close(promise: nil)
            group.cancelAll()
        }
    }

    private func serve(_ connection: NIOAsyncChannel<ByteBuffer, ByteBuffer>, script: Script) async throws {
        try await connection.executeThenClose { inbound, outbound in
            if script.silent {
                for try await _ in inbound {}
                return
            }
            func reply(_ text: String) async throws { try await outbound.write(ByteBuffer(string: text + "\r\n")) }
            try await reply("220 fake.smtp.test ESMTP ready")
            var pending: [UInt8] = []
            var inData = false
            var loginSteps = 0
            var secured = script.implicitTLS
            for try await chunk in inbound {
                pending.append(contentsOf: chunk.readableBytesView)
                while let end = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    var bytes = Array(pending[..<end])
                    pending.removeFirst(end + 1)
                    if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() } else { await transcript.append("<bare LF>") }
                    let line = String(decoding: bytes, as: UTF8.self)
                    await transcript.append(line)
                    if loginSteps > 0 {
                        loginSteps -= 1
                        try await reply(loginSteps == 0 ? "235 2.7.0 accepted" : "334 UGFzc3dvcmQ6")
                        continue
                    }
                    if inData {
                        if line == "." {
                            inData = false
                            try await reply("250 2.0.0 queued as 1")
                        }
                        continue
                    }
                    switch line.split(separator: " ").first.map({ $0.uppercased() }) ?? "" {
                    case "EHLO":
                        let lines = ["fake.smtp.test"] + script.capabilities + (script.tls != nil && !secured ? ["STARTTLS"] : [])
                        for (index, text) in lines.enumerated() { try await reply("250" + (index == lines.count - 1 ? " " : "-") + text) }
                    case "STARTTLS" where script.tls != nil && !secured:
                        secured = true
                        let context = script.tls!
                        let channel = connection.channel
                        // The reply and the TLS handler go in one event-loop turn: a client's
                        // ClientHello read in between would reach this loop as plain text and the
                        // handshake would never finish (seen under load as a 10 s time-out).
                        try await channel.eventLoop.submit {
                            channel.writeAndFlush(ByteBuffer(string: "220 2.0.0 go ahead\r\n"), promise: nil)
                            try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: context), position: .first)
                        }.get()
                    case "AUTH" where line.uppercased().hasPrefix("AUTH PLAIN "):
                        try await reply(secured ? "235 2.7.0 accepted" : "538 5.7.11 encryption required")
                    case "AUTH" where line.uppercased() == "AUTH LOGIN":
                        loginSteps = 2
                        try await reply("334 VXNlcm5hbWU6")
                    case "MAIL": try await reply("250 2.1.0 OK")
                    case "RCPT": try await reply(script.rejectRecipient ? "550 5.1.1 no such mailbox" : "250 2.1.5 OK")
                    case "DATA":
                        inData = true
                        try await reply("354 end with <CRLF>.<CRLF>")
                    case "QUIT":
                        try await reply("221 2.0.0 bye")
                        return
                    default: try await reply("502 5.5.2 not implemented")
                    }
                }
            }
        }
    }
}

/// Lines a fake server received.
actor Transcript {
    private(set) var lines: [String] = []

    func append(_ line: String) { lines.append(line) }
}
