import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import Runtime
import ValueFormats

/// Sends mail through an SMTP server with SwiftNIO: one connection per message, `EHLO`,
/// `STARTTLS` (or TLS from the start), `AUTH PLAIN`/`LOGIN` over TLS only, `MAIL FROM`,
/// `RCPT TO`, `DATA` with a dot-stuffed CRLF payload, `QUIT`. The whole conversation has one
/// time limit; any failure is a `MailDeliveryError` naming the step and the reply code.
public struct SMTPMailSender: MailSender {
    /// Where and how to connect.
    public struct Configuration: Sendable {
        /// Server host name or address.
        public var host: String
        /// Server port.
        public var port: Int
        /// `starttls`, `tls` or `none`.
        public var security: AuthSettings.SMTPSettings.Security
        /// User name and password for `AUTH`; `nil`: no authentication.
        public var credentials: (username: String, password: String)?
        /// Envelope and `From` address.
        public var from: String
        /// Limit for the connection and the whole conversation.
        public var timeout: TimeAmount
        /// Name sent with `EHLO`.
        public var heloName: String
        /// TLS settings (system trust roots and full verification by default).
        public var tls: TLSConfiguration

        /// Creates a configuration.
        public init(
            host: String, port: Int, security: AuthSettings.SMTPSettings.Security, credentials: (username: String, password: String)?,
            from: String, timeout: TimeAmount = .seconds(30), heloName: String = "localhost",
            tls: TLSConfiguration = .makeClientConfiguration()
        ) {
            self.host = host
            self.port = port
            self.security = security
            self.credentials = credentials
            self.from = from
            self.timeout = timeout
            self.heloName = heloName
            self.tls = tls
        }
    }

    let configuration: Configuration
    let sslContext: NIOSSLContext?
    let logger: Logger

    /// Prepares the sender (the TLS context is built once, here).
    /// - Throws: `AuthConfigurationError` when credentials are set without TLS (they would
    ///   travel in clear), or when the TLS configuration cannot be loaded.
    public init(configuration: Configuration, logger: Logger) throws {
        guard SMTPMessage.isPlainAddress(configuration.from) else {
            throw AuthConfigurationError(code: .invalidMailSettings, message: "auth.mail.from \"\(configuration.from)\" is not a plain address")
        }
        if configuration.credentials != nil, configuration.security == .none {
            throw AuthConfigurationError(
                code: .invalidMailSettings,
                message: "auth.mail.smtp has credentials but \"security\": \"none\"; use \"starttls\" or \"tls\" so the password never travels in clear")
        }
        self.configuration = configuration
        self.logger = logger
        self.sslContext = configuration.security == .none ? nil : try NIOSSLContext(configuration: configuration.tls)
    }

    /// Delivers `message`; throws `MailDeliveryError` when the server refuses it or cannot be reached in time.
    public func send(_ message: MailMessage) async throws {
        let built = try SMTPMessage(from: configuration.from, message: message, date: Date(), messageID: ValueFormats.lowercaseText(of: UUID()))
        let channel: NIOAsyncChannel<ByteBuffer, ByteBuffer>
        do {
            channel = try await connect()
        } catch let error as MailDeliveryError {
            throw error
        } catch {
            throw MailDeliveryError(code: .connectionFailed, message: "cannot connect to \(configuration.host):\(configuration.port) (\(type(of: error)))")
        }
        let timeout = configuration.timeout
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                try await channel.executeThenClose { inbound, outbound in
                    var conversation = SMTPConversation(
                        replies: SMTPReplyReader(iterator: inbound.makeAsyncIterator()), outbound: outbound)
                    try await run(&conversation, message: built, channel: channel.channel)
                }
            }
            group.addTask {
                try await Task.sleep(nanoseconds: UInt64(timeout.nanoseconds))
                channel.channel.close(promise: nil)
                throw MailDeliveryError(code: .timedOut, message: "the SMTP server did not finish within \(timeout.nanoseconds / 1_000_000_000) s")
            }
            defer { group.cancelAll() }
            try await group.next()
        }
    }

    private func connect() async throws -> NIOAsyncChannel<ByteBuffer, ByteBuffer> {
        let sslContext = configuration.security == .tls ? self.sslContext : nil
        let hostname = Self.serverName(configuration.host)
        return try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(configuration.timeout)
            .connect(host: configuration.host, port: configuration.port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let sslContext {
                        try channel.pipeline.syncOperations.addHandler(NIOSSLClientHandler(context: sslContext, serverHostname: hostname))
                    }
                    return try NIOAsyncChannel<ByteBuffer, ByteBuffer>(wrappingChannelSynchronously: channel)
                }
            }
    }

    /// The conversation after connecting.
    private func run(_ smtp: inout SMTPConversation, message: SMTPMessage, channel: any Channel) async throws {
        try await smtp.expect(220, step: "greeting")
        var capabilities = try await smtp.command("EHLO \(configuration.heloName)", expect: 250, step: "EHLO")
        if configuration.security == .starttls {
            guard capabilities.contains(where: { $0.uppercased() == "STARTTLS" }), let sslContext else {
                throw MailDeliveryError(code: .startTLSUnavailable, message: "the SMTP server does not offer STARTTLS")
            }
            _ = try await smtp.command("STARTTLS", expect: 220, step: "STARTTLS")
            let hostname = Self.serverName(configuration.host)
            try await channel.eventLoop.submit {
                try channel.pipeline.syncOperations.addHandler(
                    NIOSSLClientHandler(context: sslContext, serverHostname: hostname), position: .first)
            }.get()
            capabilities = try await smtp.command("EHLO \(configuration.heloName)", expect: 250, step: "EHLO after STARTTLS")
        }
        if let credentials = configuration.credentials {
            try await authenticate(&smtp, credentials: credentials, capabilities: capabilities)
        }
        _ = try await smtp.command("MAIL FROM:<\(message.from)>", expect: 250, step: "MAIL FROM")
        _ = try await smtp.command("RCPT TO:<\(message.to)>", expect: 250, 251, step: "RCPT TO")
        _ = try await smtp.command("DATA", expect: 354, step: "DATA")
        _ = try await smtp.command(message.data + ".", expect: 250, step: "message")
        _ = try? await smtp.command("QUIT", expect: 221, step: "QUIT")
    }

    /// `AUTH PLAIN` when offered, else `AUTH LOGIN`.
    private func authenticate(
        _ smtp: inout SMTPConversation, credentials: (username: String, password: String), capabilities: [String]
    ) async throws {
        let mechanisms = capabilities.first { $0.uppercased().hasPrefix("AUTH ") }.map { $0.uppercased().split(separator: " ").dropFirst() } ?? []
        if mechanisms.contains("PLAIN") {
            let token = Data(([0] + Array(credentials.username.utf8) + [0] + Array(credentials.password.utf8))).base64EncodedString()
            _ = try await smtp.command("AUTH PLAIN \(token)", expect: 235, step: "AUTH PLAIN", secret: true)
        } else if mechanisms.contains("LOGIN") {
            _ = try await smtp.command("AUTH LOGIN", expect: 334, step: "AUTH LOGIN")
            _ = try await smtp.command(Data(credentials.username.utf8).base64EncodedString(), expect: 334, step: "AUTH LOGIN user", secret: true)
            _ = try await smtp.command(Data(credentials.password.utf8).base64EncodedString(), expect: 235, step: "AUTH LOGIN password", secret: true)
        } else {
            throw MailDeliveryError(code: .authenticationUnavailable, message: "the SMTP server offers neither AUTH PLAIN nor AUTH LOGIN")
        }
    }

    /// The TLS server name: `nil` for an IP address (SNI carries host names only).
    static func serverName(_ host: String) -> String? {
        let isAddress = host.contains(":") || host.split(separator: ".").allSatisfy { !$0.isEmpty && $0.allSatisfy(\.isNumber) }
        return isAddress ? nil : host
    }
}
