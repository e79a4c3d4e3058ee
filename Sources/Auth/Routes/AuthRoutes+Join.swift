import Foundation
import Hummingbird
import Runtime
import ValueFormats

/// Joining an organization by invitation without an account (`joinOrganization`, declared by
/// the app): the mailed token stands for the address, as a verification token does.
extension AuthRoutes {
    /// `POST /organizations/{id}/invitations/join` → 201 with the tokens of a session bound to
    /// the organization. The token must be live and of this organization (422 naming `token`),
    /// the address must have no account (409: it signs in and accepts instead; a used token's
    /// address has one). The invitation is used up first, so a token makes one account at most;
    /// when the account cannot be made after that (an account of the address created in between,
    /// a database failure), the invitation is given back, so the token still works signed in.
    func joinOrganization(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        let organization = try pathID(context, .organization, what: "organization")
        let body = try await decodeBody(request, bodies.joinOrganization)
        let invitation = try await joinableInvitation(try body.string("token"), organization: organization)
        let password = try body.string("password")
        try service.passwords.check(password, field: "password")
        guard try await users.find(email: invitation.email) == nil else { throw Self.joinNeedsSignIn }
        let hash = try await service.passwords.hash(password)
        let now = service.clock()
        var user = UserRecord(
            id: UUID(), email: invitation.email, name: try body.string("name"), passwordHash: hash, role: service.settings.defaultRole, now: now)
        user.emailVerifiedAt = now
        let accepted = try await service.database.write([organizations.accept(invitation.id, now: now)])
        guard accepted.first?.changes == 1 else { throw Self.invalidToken }
        do {
            return try await startJoinedSession(user, invitation: invitation, request: request, context: context, now: now)
        } catch {
            _ = try? await service.database.write([organizations.reopen(invitation.id, acceptedAt: now)])
            throw error
        }
    }

    /// The invitation `text` names when it is one of `organization`'s (its liveness is checked
    /// when it is used up), or 422 naming `token`.
    private func joinableInvitation(_ text: String, organization: UUID) async throws -> (id: UUID, email: String, role: String) {
        guard let token = RefreshToken.parse(text), let invitation = try await organizations.presentedInvitation(lookupID: token.lookupID),
            SecretText.matches(token.secret, storedDigest: invitation.digest), invitation.organization == organization
        else { throw Self.invalidToken }
        return (invitation.id, invitation.email, invitation.role)
    }

    /// Creates the account and its membership with the first session, in one transaction (after
    /// the one that used the invitation up).
    private func startJoinedSession(
        _ user: UserRecord, invitation: (id: UUID, email: String, role: String), request: Request, context: LoomRequestContext, now: Date
    ) async throws -> Response {
        let organization = try pathID(context, .organization, what: "organization")
        let leading = [
            users.insert(user), organizations.addMember(organization: organization, user: user.id, role: invitation.role, now: now),
            audit.event(
                "invitation_accepted", actor: user.idText, target: ValueFormats.lowercaseText(of: invitation.id), detail: ["account": "created"],
                ipAddress: RequestClientAddress.of(context), now: now),
        ]
        do {
            let tokens = try await startSession(
                for: user, expiresAt: nil, leading: leading, action: "signup", request: request, context: context, now: now,
                binding: SessionBinding(organizationID: organization, projectID: nil))
            return tokenResponse(tokens, status: .created, now: now, request: request)
        } catch let error as DatabaseError {
            if case .uniqueViolation = error.code { throw Self.joinNeedsSignIn }
            throw error
        }
    }

    /// 409: the invited address has an account, which accepts signed in.
    static let joinNeedsSignIn = APIError.conflict(
        "This address already has an account: sign in with it and accept the invitation with its token.")
}
