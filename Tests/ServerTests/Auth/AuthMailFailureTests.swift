import Auth
import Foundation
import Hummingbird
import Logging
import Testing

/// A mail server that cannot be reached: password reset still answers 202 (revealing nothing
/// about the account), a verification request answers 502 `MAIL_DELIVERY_FAILED`, never 500.
@Suite("Auth: mail delivery failures")
struct AuthMailFailureTests {
    /// An SMTP sender pointed at a port of 127.0.0.1 where nothing listens.
    static func unreachable() throws -> AuthOptions {
        let sender = try SMTPMailSender(
            configuration: .init(host: "127.0.0.1", port: 1, security: .none, credentials: nil, from: "no-reply@example.com", timeout: .seconds(5)),
            logger: Logger(label: "mail-failure-test"))
        return AuthOptions(passwordHashCost: 4, mailSender: sender)
    }

    @Test("forgot password answers 202 for a real account even when the mail cannot be sent")
    func forgotPassword() async throws {
        try await TestApp.run("tracker", authOptions: try Self.unreachable()) { app in
            let account = try await app.signUp()
            let reply = try await app.request(.post, TestApp.auth + "/password/forgot", json: #"{"email": "\#(account.email)"}"#)
            #expect(reply.status == .accepted)
            let unknown = try await app.request(.post, TestApp.auth + "/password/forgot", json: #"{"email": "nobody@example.com"}"#)
            #expect(unknown.status == .accepted)
        }
    }

    @Test("an email verification request answers 502 when the mail cannot be sent")
    func verification() async throws {
        try await TestApp.run("tracker", authOptions: try Self.unreachable()) { app in
            let account = try await app.signUp()
            let reply = try await app.request(.post, TestApp.auth + "/email/verification", headers: account.headers)
            #expect(reply.status == .badGateway)
            #expect(reply.errorCode == "MAIL_DELIVERY_FAILED")
        }
    }
}
