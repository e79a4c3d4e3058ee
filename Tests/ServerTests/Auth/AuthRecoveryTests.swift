import Auth
import Foundation
import Hummingbird
import Testing

/// Keeps the mail the auth module sends, so tests can read the tokens in it.
actor MailOutbox: MailSender {
    private(set) var messages: [MailMessage] = []

    func send(_ message: MailMessage) async throws { messages.append(message) }

    /// The single-use token in the last message, as the server wrote it (`"token": "..."`),
    /// once more than `count` messages were sent (waiting up to 5 s: password reset mail is
    /// delivered after the answer).
    func lastToken(after count: Int = 0) async -> String? {
        for _ in 0..<100 where messages.count <= count { try? await Task.sleep(for: .milliseconds(50)) }
        guard messages.count > count, let body = messages.last?.body, let start = body.range(of: "\"token\": \"") else { return nil }
        let rest = body[start.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }
}

/// Password reset and email verification by single-use tokens sent through the mail sink.
@Suite("Auth: password reset and email verification")
struct AuthRecoveryTests {
    static func options(_ outbox: MailOutbox, clock: TestClock? = nil) -> AuthOptions {
        var options = AuthOptions(passwordHashCost: 4, mailSender: outbox)
        if let clock { options.clock = { clock.now } }
        return options
    }

    @Test("forgot password: 202 for any email, mail only for an account; the token resets once and ends every session")
    func passwordReset() async throws {
        let outbox = MailOutbox()
        try await TestApp.run("tracker", authOptions: Self.options(outbox)) { app in
            let account = try await app.signUp()
            let unknown = try await app.request(.post, TestApp.auth + "/password/forgot", json: #"{"email": "nobody@example.com"}"#)
            #expect(unknown.status == .accepted)
            #expect(await outbox.messages.isEmpty)
            let known = try await app.request(.post, TestApp.auth + "/password/forgot", json: #"{"email": "\#(account.email)"}"#)
            #expect(known.status == .accepted)
            let token = try #require(await outbox.lastToken())
            #expect(await outbox.messages.first?.to == account.email)

            let tooShort = try await app.request(
                .post, TestApp.auth + "/password/reset", json: #"{"token": "\#(token)", "new_password": "short"}"#)
            #expect(tooShort.errorFields == ["new_password"])
            let reset = try await app.request(
                .post, TestApp.auth + "/password/reset", json: #"{"token": "\#(token)", "new_password": "reset password ok"}"#)
            #expect(reset.status == .noContent)
            let again = try await app.request(
                .post, TestApp.auth + "/password/reset", json: #"{"token": "\#(token)", "new_password": "second reset try"}"#)
            #expect(again.status == .unprocessableContent)
            #expect(again.errorFields == ["token"])
            let old = try await app.request(.get, TestApp.auth + "/me", headers: account.headers)
            #expect(old.status == .unauthorized, "sessions end on reset")
            _ = try await app.logIn(email: account.email, password: "reset password ok")
        }
    }

    @Test("an expired reset token, or a verification token used for a reset, is refused")
    func wrongTokens() async throws {
        let outbox = MailOutbox()
        let clock = TestClock()
        try await TestApp.run("tracker", authOptions: Self.options(outbox, clock: clock)) { app in
            let account = try await app.signUp()
            let verification = try await app.request(.post, TestApp.auth + "/email/verification", headers: account.headers)
            #expect(verification.status == .accepted)
            let verifyToken = try #require(await outbox.lastToken())
            let crossed = try await app.request(
                .post, TestApp.auth + "/password/reset", json: #"{"token": "\#(verifyToken)", "new_password": "crossed purpose"}"#)
            #expect(crossed.errorFields == ["token"])
            let sent = await outbox.messages.count
            _ = try await app.request(.post, TestApp.auth + "/password/forgot", json: #"{"email": "\#(account.email)"}"#)
            let resetToken = try #require(await outbox.lastToken(after: sent))
            clock.advance(seconds: 3601)
            let expired = try await app.request(
                .post, TestApp.auth + "/password/reset", json: #"{"token": "\#(resetToken)", "new_password": "too late now"}"#)
            #expect(expired.errorFields == ["token"])
            let garbage = try await app.request(.post, TestApp.auth + "/email/verify", json: #"{"token": "garbage"}"#)
            #expect(garbage.errorFields == ["token"])
        }
    }

    @Test("email verification marks the account verified; changing the email unverifies it")
    func verification() async throws {
        let outbox = MailOutbox()
        try await TestApp.run("tracker", authOptions: Self.options(outbox)) { app in
            let account = try await app.signUp()
            let before = try await app.request(.get, TestApp.auth + "/me", headers: account.headers)
            #expect(before.object["email_verified"] as? Bool == false)
            _ = try await app.request(.post, TestApp.auth + "/email/verification", headers: account.headers)
            let token = try #require(await outbox.lastToken())
            let verified = try await app.request(.post, TestApp.auth + "/email/verify", json: #"{"token": "\#(token)"}"#)
            #expect(verified.status == .noContent)
            let after = try await app.request(.get, TestApp.auth + "/me", headers: account.headers)
            #expect(after.object["email_verified"] as? Bool == true)
            let already = try await app.request(.post, TestApp.auth + "/email/verification", headers: account.headers)
            #expect(already.status == .noContent)

            let changed = try await app.request(
                .patch, TestApp.auth + "/me", json: #"{"email": "changed-\#(UUID().uuidString.prefix(6).lowercased())@example.com"}"#,
                headers: account.headers)
            #expect(changed.object["email_verified"] as? Bool == false)
            _ = try await app.request(.post, TestApp.auth + "/email/verification", headers: account.headers)
            let stale = try #require(await outbox.lastToken())
            _ = try await app.request(.patch, TestApp.auth + "/me", json: #"{"email": "third@example.com"}"#, headers: account.headers)
            let refused = try await app.request(.post, TestApp.auth + "/email/verify", json: #"{"token": "\#(stale)"}"#)
            #expect(refused.errorFields == ["token"], "a token for an address the account no longer has")
        }
    }
}
