import Foundation
import Logging
import NIOCore
import NIOSSL
import Runtime
import TestSupport
import Testing

@testable import Auth

/// The SMTP sender over TLS: credentials go only after the connection is encrypted.
@Suite("SMTP mail sender over TLS")
struct SMTPMailSenderTLSTests {
    static let message = MailMessage(to: "user@example.com", subject: "Confirm", body: "Token: abc")

    static func sender(port: Int, security: AuthSettings.SMTPSettings.Security, tls: TLSConfiguration) throws -> SMTPMailSender {
        try SMTPMailSender(
            configuration: .init(
                host: "127.0.0.1", port: port, security: security, credentials: ("mailer", "s3cret"), from: "no-reply@example.com",
                timeout: .seconds(45), tls: tls),
            logger: Logger(label: "smtp-tls-test"))
    }

    @Test("STARTTLS, then EHLO again, then AUTH PLAIN, then the message")
    func startTLS() async throws {
        let certificate = try TestCertificate.make()
        try await FakeSMTPServer.run(.init(capabilities: ["AUTH PLAIN LOGIN"], tls: certificate.server)) { server in
            try await Self.sender(port: server.port, security: .starttls, tls: certificate.client).send(Self.message)
            let lines = await server.transcript.lines
            let plain = Data(([0] + Array("mailer".utf8) + [0] + Array("s3cret".utf8))).base64EncodedString()
            #expect(Array(lines.prefix(6)) == [
                "EHLO localhost", "STARTTLS", "EHLO localhost", "AUTH PLAIN \(plain)", "MAIL FROM:<no-reply@example.com>",
                "RCPT TO:<user@example.com>",
            ])
            #expect(lines.last == "QUIT")
        }
    }

    @Test("TLS from the first byte with AUTH LOGIN")
    func implicitTLS() async throws {
        let certificate = try TestCertificate.make()
        try await FakeSMTPServer.run(.init(capabilities: ["AUTH LOGIN"], tls: certificate.server, implicitTLS: true)) { server in
            try await Self.sender(port: server.port, security: .tls, tls: certificate.client).send(Self.message)
            let lines = await server.transcript.lines
            #expect(Array(lines.prefix(5)) == [
                "EHLO localhost", "AUTH LOGIN", Data("mailer".utf8).base64EncodedString(), Data("s3cret".utf8).base64EncodedString(),
                "MAIL FROM:<no-reply@example.com>",
            ])
        }
    }

    @Test("a certificate the client does not trust ends the conversation before any credential is sent")
    func untrustedCertificate() async throws {
        let certificate = try TestCertificate.make()
        let other = try TestCertificate.make()
        try await FakeSMTPServer.run(.init(capabilities: ["AUTH PLAIN"], tls: certificate.server)) { server in
            let error = await #expect(throws: MailDeliveryError.self) {
                try await Self.sender(port: server.port, security: .starttls, tls: other.client).send(Self.message)
            }
            #expect(error?.code == .connectionFailed)
            let lines = await server.transcript.lines
            #expect(!lines.contains { $0.hasPrefix("AUTH") })
        }
    }
}
