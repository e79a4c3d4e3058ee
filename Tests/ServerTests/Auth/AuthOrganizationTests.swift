import Auth
import Foundation
import Hummingbird
import Testing

/// Organizations: the creator owns it, members see it (others get 404), roles gate management,
/// invitations are single-use tokens by mail, and the last owner cannot leave or be demoted.
@Suite("Auth: organizations")
struct AuthOrganizationTests {
    static let base = TestApp.auth + "/organizations"

    func create(_ app: TestApp, _ owner: SignedUp, slug: String = "acme") async throws -> String {
        let reply = try await app.request(.post, Self.base, json: #"{"name": "Acme", "slug": "\#(slug)"}"#, headers: owner.headers)
        #expect(reply.status == .created)
        #expect(reply.object["role"] as? String == "owner")
        return try #require(reply.object["id"] as? String)
    }

    /// Invites `email` as `role` and returns the mailed token.
    func invite(_ app: TestApp, _ outbox: MailOutbox, _ organization: String, by inviter: SignedUp, email: String, role: String) async throws -> String {
        let reply = try await app.request(
            .post, Self.base + "/\(organization)/invitations", json: #"{"email": "\#(email)", "role": "\#(role)"}"#, headers: inviter.headers)
        #expect(reply.status == .created, "invite answered \(reply.status): \(reply.text)")
        #expect(reply.object["token"] == nil)
        return try #require(await outbox.lastToken())
    }

    @Test("create, list, get; a non-member gets 404; a taken slug is 409; a bad slug 422")
    func basics() async throws {
        try await TestApp.run("tracker") { app in
            let owner = try await app.signUp()
            let stranger = try await app.signUp()
            let id = try await create(app, owner)
            let list = try await app.request(.get, Self.base, headers: owner.headers)
            #expect(list.items.compactMap { $0["slug"] as? String } == ["acme"])
            let get = try await app.request(.get, Self.base + "/\(id)", headers: owner.headers)
            #expect(get.object["name"] as? String == "Acme")
            let hidden = try await app.request(.get, Self.base + "/\(id)", headers: stranger.headers)
            #expect(hidden.status == .notFound)
            let taken = try await app.request(.post, Self.base, json: #"{"name": "Other", "slug": "acme"}"#, headers: stranger.headers)
            #expect(taken.status == .conflict)
            #expect(taken.errorFields == ["slug"])
            let bad = try await app.request(.post, Self.base, json: #"{"name": "Other", "slug": "Not A Slug"}"#, headers: stranger.headers)
            #expect(bad.errorFields == ["slug"])
            let renamed = try await app.request(.patch, Self.base + "/\(id)", json: #"{"name": "Acme Inc"}"#, headers: owner.headers)
            #expect(renamed.object["name"] as? String == "Acme Inc")
        }
    }

    @Test("invitations: mailed token, accepted once by the invited address; members cannot manage")
    func invitations() async throws {
        let outbox = MailOutbox()
        try await TestApp.run("tracker", authOptions: AuthOptions(passwordHashCost: 4, mailSender: outbox)) { app in
            let owner = try await app.signUp()
            let invitee = try await app.signUp()
            let other = try await app.signUp()
            let id = try await create(app, owner)
            let token = try await invite(app, outbox, id, by: owner, email: invitee.email, role: "member")
            let pending = try await app.request(.get, Self.base + "/\(id)/invitations", headers: owner.headers)
            #expect(pending.items.compactMap { $0["email"] as? String } == [invitee.email])

            let wrongPerson = try await app.request(.post, TestApp.auth + "/invitations/accept", json: #"{"token": "\#(token)"}"#, headers: other.headers)
            #expect(wrongPerson.status == .forbidden)
            let accepted = try await app.request(.post, TestApp.auth + "/invitations/accept", json: #"{"token": "\#(token)"}"#, headers: invitee.headers)
            #expect(accepted.status == .ok)
            #expect(accepted.object["role"] as? String == "member")
            let again = try await app.request(.post, TestApp.auth + "/invitations/accept", json: #"{"token": "\#(token)"}"#, headers: invitee.headers)
            #expect(again.status == .conflict)

            let members = try await app.request(.get, Self.base + "/\(id)/members", headers: invitee.headers)
            #expect(Set(members.items.compactMap { $0["user_id"] as? String }) == [owner.userID, invitee.userID])
            let memberInvites = try await app.request(
                .post, Self.base + "/\(id)/invitations", json: #"{"email": "x@example.com", "role": "member"}"#, headers: invitee.headers)
            #expect(memberInvites.status == .forbidden, "a MEMBER calling an ADMIN operation")
            let memberRenames = try await app.request(.patch, Self.base + "/\(id)", json: #"{"name": "Mine"}"#, headers: invitee.headers)
            #expect(memberRenames.status == .forbidden)

            let revokedToken = try await invite(app, outbox, id, by: owner, email: other.email, role: "admin")
            let invitationID = try #require(
                (try await app.request(.get, Self.base + "/\(id)/invitations", headers: owner.headers)).items.first?["id"] as? String)
            let revoke = try await app.request(.delete, Self.base + "/\(id)/invitations/\(invitationID)", headers: owner.headers)
            #expect(revoke.status == .noContent)
            let late = try await app.request(.post, TestApp.auth + "/invitations/accept", json: #"{"token": "\#(revokedToken)"}"#, headers: other.headers)
            #expect(late.errorFields == ["token"])
        }
    }

    @Test("roles: only owners change roles; the last owner cannot be demoted or removed; admins cannot remove owners")
    func roles() async throws {
        let outbox = MailOutbox()
        try await TestApp.run("tracker", authOptions: AuthOptions(passwordHashCost: 4, mailSender: outbox)) { app in
            let owner = try await app.signUp()
            let admin = try await app.signUp()
            let id = try await create(app, owner)
            let token = try await invite(app, outbox, id, by: owner, email: admin.email, role: "admin")
            _ = try await app.request(.post, TestApp.auth + "/invitations/accept", json: #"{"token": "\#(token)"}"#, headers: admin.headers)

            let demoteSelf = try await app.request(
                .put, Self.base + "/\(id)/members/\(owner.userID)/role", json: #"{"role": "member"}"#, headers: owner.headers)
            #expect(demoteSelf.status == .conflict, "the last owner cannot be demoted")
            let leave = try await app.request(.delete, Self.base + "/\(id)/members/\(owner.userID)", headers: owner.headers)
            #expect(leave.status == .conflict, "the last owner cannot leave")
            let adminRemovesOwner = try await app.request(.delete, Self.base + "/\(id)/members/\(owner.userID)", headers: admin.headers)
            #expect(adminRemovesOwner.status == .forbidden)
            let adminPromotes = try await app.request(
                .put, Self.base + "/\(id)/members/\(admin.userID)/role", json: #"{"role": "owner"}"#, headers: admin.headers)
            #expect(adminPromotes.status == .forbidden)
            let badRole = try await app.request(
                .put, Self.base + "/\(id)/members/\(admin.userID)/role", json: #"{"role": "king"}"#, headers: owner.headers)
            #expect(badRole.errorFields == ["role"])

            let promote = try await app.request(
                .put, Self.base + "/\(id)/members/\(admin.userID)/role", json: #"{"role": "owner"}"#, headers: owner.headers)
            #expect(promote.status == .noContent)
            let leaveNow = try await app.request(.delete, Self.base + "/\(id)/members/\(owner.userID)", headers: owner.headers)
            #expect(leaveNow.status == .noContent, "with a second owner the first may leave")
            let gone = try await app.request(.get, Self.base + "/\(id)", headers: owner.headers)
            #expect(gone.status == .notFound)
        }
    }
}
