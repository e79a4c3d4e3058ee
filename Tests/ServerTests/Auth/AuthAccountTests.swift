import Auth
import Foundation
import Hummingbird
import Testing

/// Sign-up, login, throttling, profile, password change and logout through the tracker app.
@Suite("Auth: accounts")
struct AuthAccountTests {
    @Test("sign-up answers 201 with tokens and the account; the access token reads /me")
    func signUpAndMe() async throws {
        try await TestApp.run("tracker") { app in
            let account = try await app.signUp(email: "Ann@Example.com")
            #expect(account.email == "ann@example.com")
            let me = try await app.request(.get, TestApp.auth + "/me", headers: account.headers)
            #expect(me.status == .ok)
            #expect(me.object["email"] as? String == "ann@example.com")
            #expect(me.object["role"] as? String == "member")
            #expect(me.object["password_hash"] == nil)
            let identity = try await app.identity(account.headers)
            #expect(identity.object["kind"] as? String == "user")
            #expect(identity.object["user_id"] as? String == account.userID)
            #expect((identity.object["scopes"] as? [String])?.contains("tasks:write") == true)
        }
    }

    @Test("a taken email is 409 naming email, whatever its case")
    func duplicateEmail() async throws {
        try await TestApp.run("tracker") { app in
            _ = try await app.signUp(email: "bo@example.com")
            let again = try await app.request(
                .post, TestApp.auth + "/signup", json: #"{"email": "BO@example.com", "password": "another password", "name": "Bo"}"#)
            #expect(again.status == .conflict)
            #expect(again.errorFields == ["email"])
        }
    }

    @Test("passwords over 72 bytes, or too short, are 422 naming password")
    func passwordRules() async throws {
        try await TestApp.run("tracker") { app in
            let long = String(repeating: "é", count: 37)  // 37 characters, 74 bytes
            let tooLong = try await app.request(
                .post, TestApp.auth + "/signup", json: #"{"email": "c@example.com", "password": "\#(long)", "name": "C"}"#)
            #expect(tooLong.status == .unprocessableContent)
            #expect(tooLong.errorFields == ["password"])
            #expect(tooLong.text.contains("72 bytes"))
            let short = try await app.request(
                .post, TestApp.auth + "/signup", json: #"{"email": "c@example.com", "password": "short", "name": "C"}"#)
            #expect(short.status == .unprocessableContent)
            #expect(short.errorFields == ["password"])
            let missing = try await app.request(.post, TestApp.auth + "/signup", json: #"{"email": "not-an-email"}"#)
            #expect(missing.status == .unprocessableContent)
            #expect(Set(missing.errorFields) == ["email", "password", "name"])
        }
    }

    @Test("login: right password 200, wrong password and unknown email the same 401")
    func login() async throws {
        try await TestApp.run("tracker") { app in
            let account = try await app.signUp()
            let session = try await app.logIn(email: account.email, password: account.password)
            #expect(session.userID == account.userID)
            #expect(session.sessionID != account.sessionID)
            let wrong = try await app.request(
                .post, TestApp.auth + "/login", json: #"{"email": "\#(account.email)", "password": "wrong password"}"#)
            let unknown = try await app.request(
                .post, TestApp.auth + "/login", json: #"{"email": "nobody@example.com", "password": "wrong password"}"#)
            #expect(wrong.status == .unauthorized)
            #expect(unknown.status == .unauthorized)
            #expect(wrong.object["code"] as? String == "INVALID_CREDENTIALS")
            #expect(wrong.object["detail"] as? String == unknown.object["detail"] as? String)
        }
    }

    @Test("repeated failures lock the email (429 with Retry-After), known or not; the lock ends")
    func throttling() async throws {
        let clock = TestClock()
        try await TestApp.run("tracker", authOptions: AuthOptions(passwordHashCost: 4, clock: { clock.now })) { app in
            let account = try await app.signUp()
            for email in [account.email, "ghost@example.com"] {
                for _ in 0..<5 {
                    let failed = try await app.request(
                        .post, TestApp.auth + "/login", json: #"{"email": "\#(email)", "password": "wrong password"}"#)
                    #expect(failed.status == .unauthorized)
                }
                let locked = try await app.request(
                    .post, TestApp.auth + "/login", json: #"{"email": "\#(email)", "password": "wrong password"}"#)
                #expect(locked.status == .tooManyRequests)
                #expect(locked.headers[.retryAfter] == "900")
            }
            let lockedOut = try await app.request(
                .post, TestApp.auth + "/login", json: #"{"email": "\#(account.email)", "password": "\#(account.password)"}"#)
            #expect(lockedOut.status == .tooManyRequests, "the right password does not bypass the lock")
            clock.advance(seconds: 901)
            _ = try await app.logIn(email: account.email, password: account.password)
        }
    }

    @Test("a success clears earlier failures")
    func successClearsFailures() async throws {
        try await TestApp.run("tracker") { app in
            let account = try await app.signUp()
            for round in 0..<2 {
                for _ in 0..<4 {
                    let failed = try await app.request(
                        .post, TestApp.auth + "/login", json: #"{"email": "\#(account.email)", "password": "nope nope"}"#)
                    #expect(failed.status == .unauthorized, "round \(round)")
                }
                _ = try await app.logIn(email: account.email, password: account.password)
            }
        }
    }

    @Test("PATCH /me changes name and email; a taken email is 409")
    func updateProfile() async throws {
        try await TestApp.run("tracker") { app in
            let first = try await app.signUp()
            let second = try await app.signUp()
            let renamed = try await app.request(
                .patch, TestApp.auth + "/me", json: #"{"name": "Renamed", "email": "New@Example.com"}"#, headers: first.headers)
            #expect(renamed.status == .ok)
            #expect(renamed.object["name"] as? String == "Renamed")
            #expect(renamed.object["email"] as? String == "new@example.com")
            let taken = try await app.request(
                .patch, TestApp.auth + "/me", json: #"{"email": "new@example.com"}"#, headers: second.headers)
            #expect(taken.status == .conflict)
            _ = try await app.logIn(email: "new@example.com", password: first.password)
        }
    }

    @Test("changing the password needs the current one and ends every other session")
    func changePassword() async throws {
        try await TestApp.run("tracker") { app in
            let account = try await app.signUp()
            let other = try await app.logIn(email: account.email, password: account.password)
            let wrong = try await app.request(
                .post, TestApp.auth + "/me/password", json: #"{"current_password": "not it at all", "new_password": "brand new secret"}"#,
                headers: account.headers)
            #expect(wrong.status == .forbidden)
            let tooLong = try await app.request(
                .post, TestApp.auth + "/me/password",
                json: #"{"current_password": "\#(account.password)", "new_password": "\#(String(repeating: "x", count: 73))"}"#,
                headers: account.headers)
            #expect(tooLong.status == .unprocessableContent)
            #expect(tooLong.errorFields == ["new_password"])
            let changed = try await app.request(
                .post, TestApp.auth + "/me/password",
                json: #"{"current_password": "\#(account.password)", "new_password": "brand new secret"}"#, headers: account.headers)
            #expect(changed.status == .noContent)
            let current = try await app.request(.get, TestApp.auth + "/me", headers: account.headers)
            #expect(current.status == .ok, "the session that changed the password stays")
            let ended = try await app.request(.get, TestApp.auth + "/me", headers: other.headers)
            #expect(ended.status == .unauthorized, "other sessions end")
            let oldPassword = try await app.request(
                .post, TestApp.auth + "/login", json: #"{"email": "\#(account.email)", "password": "\#(account.password)"}"#)
            #expect(oldPassword.status == .unauthorized)
            _ = try await app.logIn(email: account.email, password: "brand new secret")
        }
    }

    @Test("logout ends the session: its access and refresh tokens stop working, also a token verified (and remembered) before")
    func logout() async throws {
        try await TestApp.run("tracker") { app in
            let account = try await app.signUp()
            // Verified once here, so its signature check is remembered (`VerifiedTokens`); the
            // session read on every use still refuses it once the session ends.
            #expect(try await app.request(.get, TestApp.auth + "/me", headers: account.headers).status == .ok)
            let out = try await app.request(.post, TestApp.auth + "/logout", headers: account.headers)
            #expect(out.status == .noContent)
            let me = try await app.request(.get, TestApp.auth + "/me", headers: account.headers)
            #expect(me.status == .unauthorized)
            let refresh = try await app.request(
                .post, TestApp.auth + "/refresh", json: #"{"refresh_token": "\#(account.refreshToken)"}"#)
            #expect(refresh.status == .unauthorized)
        }
    }
}
