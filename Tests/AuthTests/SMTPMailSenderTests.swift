import Foundation
import Logging
import NIOCore
import Runtime
import Testing

@testable import Auth

/// The SMTP sender against a fake server on 127.0.0.1: the exact dialogue, the message text,
/// and every failure as a `MailDeliveryError`.
@Suite("SMTP mail sender")
struct SMTPMailSenderTests {
    static let logger = Logger(label: "smtp-test")

    /// The default time-out is generous: under a loaded machine (a full suite beside other
    /// builds) a TLS handshake on a starved event loop was seen to take more than 10 s.
    static func sender(port: Int, security: AuthSettings.SMTPSettings.Security = .none, timeout: TimeAmount = .seconds(45)) throws
        -> SMTPMailSender
    {
        try SMTPMailSender(
            configuration: .init(
                host: "127.0.0.1", port: port, security: security, credentials: nil, from: "no-reply@example.com", timeout: timeout),
            logger: logger)
    }

    @Test("the dialogue and the message: CRLF lines, headers, dot-stuffing, QUIT")
    func dialogue() async throws {
        try await FakeSMTPServer.run { server in
            let message = MailMessage(to: "user@example.com", subject: "Reset your password", body: "Hello\n.hidden line\r\n\nBye")
            try await Self.sender(port: server.port).send(message)
            let lines = await server.transcript.lines
            #expect(Array(lines.prefix(4)) == ["EHLO localhost", "MAIL FROM:<no-reply@example.com>", "RCPT TO:<user@example.com>", "DATA"])
            #expect(Array(lines.suffix(7)) == ["", "Hello", "..hidden line", "", "Bye", ".", "QUIT"])
            #expect(!lines.contains("<bare LF>"))
            let headers = Array(lines[4..<(lines.firstIndex(of: "") ?? lines.count)])
            #expect(headers.contains("From: <no-reply@example.com>"))
            #expect(headers.contains("To: <user@example.com>"))
            #expect(headers.contains("Subject: Reset your password"))
            #expect(headers.contains("MIME-Version: 1.0"))
            #expect(headers.contains("Content-Type: text/plain; charset=utf-8"))
            #expect(headers.contains("Content-Transfer-Encoding: 7bit"))
            #expect(headers.contains { $0.hasPrefix("Date: ") && $0.hasSuffix(" +0000") })
            #expect(headers.contains { $0.hasPrefix("Message-ID: <") && $0.hasSuffix("@example.com>") })
        }
    }

    @Test("non-ASCII text: the subject as an RFC 2047 word, the body in base64")
    func nonASCII() async throws {
        try await FakeSMTPServer.run { server in
            try await Self.sender(port: server.port).send(MailMessage(to: "u@example.com", subject: "Grüße", body: "Ça va ?"))
            let lines = await server.transcript.lines
            #expect(lines.contains("Subject: =?utf-8?B?" + Data("Grüße".utf8).base64EncodedString() + "?="))
            #expect(lines.contains("Content-Transfer-Encoding: base64"))
            #expect(lines.contains(Data("Ça va ?".utf8).base64EncodedString()))
        }
    }

    @Test("header and command injection through an address is refused before connecting; the subject stays on one line")
    func injection() async throws {
        try await FakeSMTPServer.run { server in
            let sender = try Self.sender(port: server.port)
            for address in ["victim@example.com\r\nBcc: all@example.com", "a@example.com>\r\nRCPT TO:<b@example.com", "a b@example.com", "nobody"] {
                let error = await #expect(throws: MailDeliveryError.self) {
                    try await sender.send(MailMessage(to: address, subject: "x", body: "y"))
                }
                #expect(error?.code == .invalidAddress)
            }
            #expect(await server.transcript.lines.isEmpty)
            try await sender.send(MailMessage(to: "u@example.com", subject: "Hi\r\nBcc: all@example.com", body: "y"))
            let lines = await server.transcript.lines
            #expect(lines.contains("Subject: Hi  Bcc: all@example.com"))
            #expect(!lines.contains("Bcc: all@example.com"))
        }
    }

    @Test("a refused recipient, a missing STARTTLS, a silent server and a closed port are MailDeliveryErrors")
    func failures() async throws {
        let message = MailMessage(to: "user@example.com", subject: "s", body: "b")
        try await FakeSMTPServer.run(.init(rejectRecipient: true)) { server in
            let error = await #expect(throws: MailDeliveryError.self) { try await Self.sender(port: server.port).send(message) }
            #expect(error?.code == .rejected)
            #expect(error?.message.contains("550") == true)
            #expect(error?.message.contains("RCPT TO") == true)
        }
        try await FakeSMTPServer.run { server in
            let error = await #expect(throws: MailDeliveryError.self) {
                try await Self.sender(port: server.port, security: .starttls).send(message)
            }
            #expect(error?.code == .startTLSUnavailable)
            #expect(await server.transcript.lines == ["EHLO localhost"])
        }
        try await FakeSMTPServer.run(.init(silent: true)) { server in
            // Long enough that connecting (and the server's accept) finishes first on a loaded
            // machine: with 300 ms the connect itself timed out under a full PostgreSQL run, and
            // a connection accepted after the server closed crashed NIO's debug checks.
            let error = await #expect(throws: MailDeliveryError.self) {
                try await Self.sender(port: server.port, timeout: .seconds(2)).send(message)
            }
            #expect(error?.code == .timedOut)
        }
        let closed = await #expect(throws: MailDeliveryError.self) { try await Self.sender(port: 1).send(message) }
        #expect(closed?.code == .connectionFailed)
    }

    @Test("credentials are refused without TLS, and the sender is chosen from auth.mail or LOOM_MAIL_DIRECTORY")
    func configuration() throws {
        #expect(throws: AuthConfigurationError.self) {
            try SMTPMailSender(
                configuration: .init(
                    host: "127.0.0.1", port: 25, security: .none, credentials: ("user", "secret"), from: "no-reply@example.com"),
                logger: Self.logger)
        }
        let smtp = AuthSettings.MailSettings(
            sender: .smtp, from: "no-reply@example.com",
            smtp: .init(host: "smtp.example.com", port: 587, security: .starttls, usernameVariable: "SMTP_USER", passwordVariable: "SMTP_PASSWORD"))
        let missing = #expect(throws: AuthConfigurationError.self) { try MailSenders.make(settings: smtp, environment: [:], logger: Self.logger) }
        #expect(missing?.message.contains("SMTP_PASSWORD") == true)
        let made = try MailSenders.make(settings: smtp, environment: ["SMTP_USER": "u", "SMTP_PASSWORD": "p"], logger: Self.logger)
        #expect(made is SMTPMailSender)
        let file = try MailSenders.make(settings: smtp, environment: ["LOOM_MAIL_DIRECTORY": "/tmp/loom-mail"], logger: Self.logger)
        #expect(file is FileMailSender)
        #expect(try MailSenders.make(settings: nil, environment: [:], logger: Self.logger) is LogMailSender)
        let log = AuthSettings.MailSettings(sender: .log, from: "no-reply@example.com")
        #expect(try MailSenders.make(settings: log, environment: [:], logger: Self.logger) is LogMailSender)
    }
}
