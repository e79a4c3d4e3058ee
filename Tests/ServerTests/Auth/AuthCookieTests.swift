import Foundation
import HTTPTypes
import Hummingbird
import Testing

/// Cookie mode (the tracker enables it): tokens in httpOnly cookies, CSRF double submit.
@Suite("Auth: cookie mode")
struct AuthCookieTests {
    /// `name=value` pairs of the response's `Set-Cookie` headers, and the attributes of each.
    static func cookies(_ reply: Reply) -> [String: (value: String, attributes: String)] {
        var result: [String: (value: String, attributes: String)] = [:]
        for field in reply.headers where field.name == .setCookie {
            let parts = field.value.split(separator: ";", maxSplits: 1)
            let pair = parts[0].split(separator: "=", maxSplits: 1)
            result[String(pair[0])] = (pair.count > 1 ? String(pair[1]) : "", parts.count > 1 ? String(parts[1]) : "")
        }
        return result
    }

    static func cookieHeader(_ cookies: [String: (value: String, attributes: String)]) -> String {
        cookies.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value.value)" }.joined(separator: "; ")
    }

    @Test("login sets httpOnly Secure SameSite cookies; the access cookie authenticates safe requests")
    func loginSetsCookies() async throws {
        try await TestApp.run("tracker") { app in
            let account = try await app.signUp()
            let login = try await app.request(
                .post, TestApp.auth + "/login", json: #"{"email": "\#(account.email)", "password": "\#(account.password)"}"#)
            let cookies = Self.cookies(login)
            let access = try #require(cookies["loom_access"])
            #expect(access.value == login.object["access_token"] as? String)
            #expect(access.attributes.contains("HttpOnly"))
            #expect(access.attributes.contains("Secure"))
            #expect(access.attributes.contains("SameSite=Strict"))
            #expect(cookies["loom_refresh"]?.attributes.contains("Path=/v1/auth") == true)
            #expect(cookies["loom_csrf"]?.attributes.contains("HttpOnly") == false)
            let me = try await app.request(.get, TestApp.auth + "/me", headers: [.cookie: Self.cookieHeader(cookies)])
            #expect(me.status == .ok)
        }
    }

    @Test("unsafe requests by cookie need X-CSRF-Token equal to the session's CSRF cookie (403 otherwise)")
    func csrf() async throws {
        try await TestApp.run("tracker") { app in
            let account = try await app.signUp()
            let login = try await app.request(
                .post, TestApp.auth + "/login", json: #"{"email": "\#(account.email)", "password": "\#(account.password)"}"#)
            let cookies = Self.cookies(login)
            let header = Self.cookieHeader(cookies)
            let csrf = try #require(cookies["loom_csrf"]?.value)
            let missing = try await app.request(.post, TestApp.auth + "/logout", headers: [.cookie: header])
            #expect(missing.status == .forbidden)
            #expect(missing.object["code"] as? String == "CSRF_FAILED")
            let wrong = try await app.request(
                .post, TestApp.auth + "/logout", headers: [.cookie: header, HTTPField.Name("X-CSRF-Token")!: csrf + "x"])
            #expect(wrong.status == .forbidden)
            let out = try await app.request(
                .post, TestApp.auth + "/logout", headers: [.cookie: header, HTTPField.Name("X-CSRF-Token")!: csrf])
            #expect(out.status == .noContent)
            #expect(Self.cookies(out)["loom_access"]?.attributes.contains("Max-Age=0") == true)
            let after = try await app.request(.get, TestApp.auth + "/me", headers: [.cookie: header])
            #expect(after.status == .unauthorized)
        }
    }

    @Test("refresh takes the refresh cookie (with the CSRF echo) and sets new cookies")
    func refreshByCookie() async throws {
        try await TestApp.run("tracker") { app in
            let account = try await app.signUp()
            let login = try await app.request(
                .post, TestApp.auth + "/login", json: #"{"email": "\#(account.email)", "password": "\#(account.password)"}"#)
            let cookies = Self.cookies(login)
            let csrf = try #require(cookies["loom_csrf"]?.value)
            let noEcho = try await app.request(.post, TestApp.auth + "/refresh", json: "{}", headers: [.cookie: Self.cookieHeader(cookies)])
            #expect(noEcho.status == .forbidden)
            let refreshed = try await app.request(
                .post, TestApp.auth + "/refresh", json: "{}",
                headers: [.cookie: Self.cookieHeader(cookies), HTTPField.Name("X-CSRF-Token")!: csrf])
            #expect(refreshed.status == .ok)
            let next = Self.cookies(refreshed)
            #expect(next["loom_refresh"]?.value == refreshed.object["refresh_token"] as? String)
            #expect(next["loom_refresh"]?.value != cookies["loom_refresh"]?.value)
        }
    }

    @Test("the CSRF token is bound to the session: a planted loom_csrf cookie or another session's token does not pass")
    func csrfBoundToSession() async throws {
        try await TestApp.run("tracker") { app in
            let account = try await app.signUp()
            let credentials = #"{"email": "\#(account.email)", "password": "\#(account.password)"}"#
            let first = Self.cookies(try await app.request(.post, TestApp.auth + "/login", json: credentials))
            let second = Self.cookies(try await app.request(.post, TestApp.auth + "/login", json: credentials))
            let firstToken = try #require(first["loom_csrf"]?.value)
            let secondToken = try #require(second["loom_csrf"]?.value)
            #expect(firstToken != secondToken)
            let csrfHeader = HTTPField.Name("X-CSRF-Token")!
            // A planted cookie with the same value in the header: the old double submit passed this.
            var planted = first
            planted["loom_csrf"] = (value: "planted-by-a-sibling-domain", attributes: "")
            let forged = try await app.request(
                .post, TestApp.auth + "/logout", headers: [.cookie: Self.cookieHeader(planted), csrfHeader: "planted-by-a-sibling-domain"])
            #expect(forged.status == .forbidden)
            #expect(forged.object["code"] as? String == "CSRF_FAILED")
            let crossed = try await app.request(
                .post, TestApp.auth + "/logout", headers: [.cookie: Self.cookieHeader(first), csrfHeader: secondToken])
            #expect(crossed.status == .forbidden)
            // A refresh with another session's token is refused before the refresh token is used.
            let crossedRefresh = try await app.request(
                .post, TestApp.auth + "/refresh", json: "{}", headers: [.cookie: Self.cookieHeader(first), csrfHeader: secondToken])
            #expect(crossedRefresh.status == .forbidden)
            let refreshed = try await app.request(
                .post, TestApp.auth + "/refresh", json: "{}", headers: [.cookie: Self.cookieHeader(first), csrfHeader: firstToken])
            #expect(refreshed.status == .ok)
            // The session keeps its CSRF token across refreshes.
            #expect(Self.cookies(refreshed)["loom_csrf"]?.value == firstToken)
            let out = try await app.request(
                .post, TestApp.auth + "/logout", headers: [.cookie: Self.cookieHeader(Self.cookies(refreshed)), csrfHeader: firstToken])
            #expect(out.status == .noContent)
        }
    }

    @Test("a browser's login and refresh (they carry Origin) get the tokens only as cookies; other clients also in the body")
    func browsersGetNoTokensInBody() async throws {
        try await TestApp.run("tracker") { app in
            let account = try await app.signUp()
            let credentials = #"{"email": "\#(account.email)", "password": "\#(account.password)"}"#
            let origin: HTTPFields = [.origin: "https://tracker.example.com"]
            let browser = try await app.request(.post, TestApp.auth + "/login", json: credentials, headers: origin)
            #expect(browser.status == .ok)
            #expect(browser.object["access_token"] == nil)
            #expect(browser.object["refresh_token"] == nil)
            #expect(browser.object["expires_in"] as? Int != nil)
            #expect(browser.object["session_id"] as? String != nil)
            let cookies = Self.cookies(browser)
            #expect(cookies["loom_access"]?.value.isEmpty == false)
            let csrf = try #require(cookies["loom_csrf"]?.value)
            var headers = origin
            headers[.cookie] = Self.cookieHeader(cookies)
            headers[HTTPField.Name("X-CSRF-Token")!] = csrf
            let refreshed = try await app.request(.post, TestApp.auth + "/refresh", json: "{}", headers: headers)
            #expect(refreshed.status == .ok)
            #expect(refreshed.object["access_token"] == nil)
            #expect(refreshed.object["refresh_token"] == nil)
            #expect(Self.cookies(refreshed)["loom_refresh"]?.value.isEmpty == false)
            let server = try await app.request(.post, TestApp.auth + "/login", json: credentials)
            #expect(server.object["access_token"] as? String != nil)
            #expect(server.object["refresh_token"] as? String != nil)
        }
    }
}
