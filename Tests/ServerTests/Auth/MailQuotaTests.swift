import Foundation
import HTTPTypes
import Testing

@testable import Server

/// Mails per recipient and per client address (`MailQuota`): 3 to one email and 15 requested
/// from one address per window, whether or not the email has an account.
@Suite("Mail quotas")
struct MailQuotaTests {
    static func forgot(_ app: TestApp, _ email: String) async throws -> Reply {
        try await app.request(.post, TestApp.auth + "/password/forgot", json: #"{"email": "\#(email)"}"#)
    }

    @Test("a fourth reset mail to one email in the window is 429 with Retry-After, for an account or not")
    func perRecipient() async throws {
        try await TestApp.run("tracker") { app in
            let account = try await app.signUp()
            for email in [account.email, "nobody@example.com"] {
                for _ in 0..<3 { #expect(try await Self.forgot(app, email).status == .accepted) }
                let refused = try await Self.forgot(app, email)
                #expect(refused.status == .tooManyRequests)
                #expect(refused.headers[.retryAfter] == "900")
                #expect(refused.object["detail"] as? String == "Too many mails to this email; try again in 900 seconds.")
            }
        }
    }

    @Test("one client address may ask for 15 mails in the window, to any emails")
    func perAddress() async throws {
        try await TestApp.run("tracker", setup: .live) { app in
            for index in 0..<15 { #expect(try await Self.forgot(app, "user\(index)@example.com").status == .accepted) }
            let refused = try await Self.forgot(app, "fresh@example.com")
            #expect(refused.status == .tooManyRequests)
            #expect(refused.object["detail"] as? String == "Too many mails requested from this address; try again in 900 seconds.")
        }
    }
}
