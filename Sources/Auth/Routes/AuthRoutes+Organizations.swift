import Foundation
import Hummingbird
import NIOCore
import Runtime
import ValueFormats

/// Organizations, their members and roles, and invitations by single-use token.
extension AuthRoutes {
    /// How long an invitation lives.
    static let invitationSeconds: TimeInterval = 7 * 86_400

    var organizations: OrganizationStore { OrganizationStore(sql: service.sql, database: service.database) }

    /// The caller and their current role in the organization of the `{id}` path parameter; 404
    /// for a non-member (never revealing that the organization exists), 403 for a token bound
    /// to another organization or a role without `ability`.
    func membership(_ context: LoomRequestContext, ability: OrganizationAbility? = nil) async throws -> (userID: UUID, organization: UUID, role: String) {
        let caller = try requireCaller(context)
        let organization = try pathID(context, .organization, what: "organization")
        try Self.requireBinding(caller.identity, allows: organization)
        guard let role = try await organizations.role(of: caller.userID, in: organization) else {
            throw notFound("organization", organization, .organization)
        }
        if let ability, !service.organizationRoles.role(role, may: ability) {
            throw APIError.forbidden(ability.refusal)
        }
        return (caller.userID, organization, role)
    }

    /// 403 when `identity` is bound to an organization other than `organization`: a token or
    /// key of organization A never acts on organization B, even for a member of both.
    static func requireBinding(_ identity: Identity, allows organization: UUID) throws {
        guard let bound = identity.organizationID else { return }
        guard bound == ValueFormats.lowercaseText(of: organization) else {
            throw APIError.forbidden("These credentials are bound to organization \(bound); get a token for this organization instead.")
        }
    }

    /// `POST /organizations` → 201; the caller becomes its owner. 409 when the slug is taken.
    func createOrganization(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        let caller = try requireCaller(context)
        let body = try await decodeBody(request, bodies.createOrganization)
        let now = service.clock()
        let id = UUID()
        let name = try body.string("name")
        let slug = try body.string("slug")
        do {
            _ = try await service.database.write(organizations.insert(id: id, name: name, slug: slug, creator: caller.userID, now: now) + [
                audit.event("organization_created", actor: caller.identity.subject, target: ValueFormats.lowercaseText(of: id), ipAddress: RequestClientAddress.of(context), now: now),
            ])
        } catch let error as DatabaseError {
            if case .uniqueViolation = error.code {
                throw APIError.conflict("The slug is taken.", fieldErrors: [.init(field: "slug", message: "is already used by another organization")])
            }
            throw error
        }
        let created = OrganizationResponse(id: id, name: name, slug: slug, role: OrganizationRoles.owner, createdAt: now, updatedAt: now)
        return answer(status: .created, value: created)
    }

    /// `GET /organizations` → the caller's organizations with their role in each.
    func listOrganizations(_ context: LoomRequestContext) async throws -> Response {
        let caller = try requireCaller(context)
        return answer(status: .ok, value: ItemsResponse(items: try await organizations.list(for: caller.userID)))
    }

    /// `GET /organizations/{id}` → the organization, for members.
    func getOrganization(_ context: LoomRequestContext) async throws -> Response {
        let member = try await membership(context)
        guard let found = try await organizations.find(member.organization, for: member.userID) else {
            throw notFound("organization", member.organization, .organization)
        }
        return answer(status: .ok, value: found)
    }

    /// `PATCH /organizations/{id}` → renamed, by an owner or admin.
    func renameOrganization(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        let member = try await membership(context, ability: .update)
        let body = try await decodeBody(request, bodies.renameOrganization)
        let now = service.clock()
        _ = try await service.database.write([organizations.rename(member.organization, name: try body.string("name"), now: now)])
        return try await getOrganization(context)
    }

    /// `GET /organizations/{id}/members` → every member with their role.
    func listMembers(_ context: LoomRequestContext) async throws -> Response {
        let member = try await membership(context)
        return answer(status: .ok, value: ItemsResponse(items: try await organizations.members(of: member.organization)))
    }

    /// `PUT /organizations/{id}/members/{user_id}/role` → 204, by an owner; 409 when it would
    /// leave no owner.
    func changeMemberRole(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        let member = try await membership(context)
        guard member.role == OrganizationRoles.owner else { throw APIError.forbidden("Only an owner may change roles.") }
        let target = try userIDParameter(context)
        let body = try await decodeBody(request, bodies.changeMemberRole)
        let role = service.settings.roleSpelling.role(fromWire: try body.string("role"))
        guard try await organizations.role(of: target, in: member.organization) != nil else { throw notFound("member", target, .user) }
        let now = service.clock()
        let results = try await service.database.write([
            organizations.changeRole(of: target, in: member.organization, to: role),
            audit.event("member_role_changed", actor: ValueFormats.lowercaseText(of: member.userID), target: ValueFormats.lowercaseText(of: target), detail: ["role": role], ipAddress: RequestClientAddress.of(context), now: now),
        ])
        guard results.first?.changes == 1 else { throw Self.lastOwner }
        return Response(status: .noContent)
    }

    /// `DELETE /organizations/{id}/members/{user_id}` → 204: an owner or admin removes a member
    /// (admins cannot remove owners), or a member leaves; 409 for the last owner.
    func removeMember(_ context: LoomRequestContext) async throws -> Response {
        let member = try await membership(context)
        let target = try userIDParameter(context)
        guard let targetRole = try await organizations.role(of: target, in: member.organization) else { throw notFound("member", target, .user) }
        if target != member.userID {
            guard service.organizationRoles.role(member.role, may: .members) else { throw APIError.forbidden(OrganizationAbility.members.refusal) }
            if targetRole == OrganizationRoles.owner, member.role != OrganizationRoles.owner {
                throw APIError.forbidden("Only an owner may remove an owner.")
            }
        }
        let now = service.clock()
        let results = try await service.database.write([
            organizations.remove(target, from: member.organization),
            audit.event("member_removed", actor: ValueFormats.lowercaseText(of: member.userID), target: ValueFormats.lowercaseText(of: target), ipAddress: RequestClientAddress.of(context), now: now),
        ])
        guard results.first?.changes == 1 else { throw Self.lastOwner }
        return Response(status: .noContent)
    }

    /// `POST /organizations/{id}/invitations` → 201; the token goes to the invitee by mail.
    /// Admins may not invite owners.
    func invite(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        let member = try await membership(context, ability: .invite)
        let body = try await decodeBody(request, bodies.invite)
        let email = UserRecord.normalized(email: try body.string("email"))
        let role = service.settings.roleSpelling.role(fromWire: try body.string("role"))
        if role == OrganizationRoles.owner, member.role != OrganizationRoles.owner { throw APIError.forbidden("Only an owner may invite an owner.") }
        let now = service.clock()
        try await MailQuota.reserve(
            recipient: email, clientAddress: clientAddresses.clientAddress(of: request, context: context), throttle: service.throttle, now: now)
        let token = RefreshToken.generate()
        let invitation = InvitationResponse(id: UUID(), email: email, role: role, createdAt: now, expiresAt: now.addingTimeInterval(Self.invitationSeconds))
        _ = try await service.database.write([
            organizations.invite(
                id: invitation.id, organization: member.organization, email: email, role: role, token: token, invitedBy: member.userID,
                now: now, expiresAt: invitation.expiresAt),
            audit.event("member_invited", actor: ValueFormats.lowercaseText(of: member.userID), target: ValueFormats.lowercaseText(of: invitation.id), detail: ["email": email, "role": role], ipAddress: RequestClientAddress.of(context), now: now),
        ])
        try await service.mail.send(MailMessage(
            to: email, subject: "You are invited to an organization",
            body: "Sign in with this address, then send POST \(path(of: .acceptInvitation)) with {\"token\": \"\(token.text)\"} within 7 days."
                + joinHint(organization: member.organization)))
        return answer(status: .created, value: invitation)
    }

    /// `GET /organizations/{id}/invitations` → pending invitations, for owners and admins.
    func listInvitations(_ context: LoomRequestContext) async throws -> Response {
        let member = try await membership(context, ability: .invite)
        let pending = try await organizations.pendingInvitations(of: member.organization, now: service.clock())
        return answer(status: .ok, value: ItemsResponse(items: pending))
    }

    /// `DELETE /organizations/{id}/invitations/{invitation_id}` → 204; the token stops working.
    func revokeInvitation(_ context: LoomRequestContext) async throws -> Response {
        let member = try await membership(context, ability: .invite)
        let id = try pathID(context, "invitation_id", .invitation, what: "invitation")
        let results = try await service.database.write([organizations.revokeInvitation(id, of: member.organization, now: service.clock())])
        guard results.first?.changes == 1 else { throw notFound("pending invitation", id, .invitation) }
        return Response(status: .noContent)
    }

    /// `POST /invitations/accept` → 200 with the organization: the caller, signed in with the
    /// invited address, becomes a member. An invalid token is 422 naming `token`; another address 403.
    func acceptInvitation(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        let caller = try requireCaller(context)
        let body = try await decodeBody(request, bodies.acceptInvitation)
        guard let token = RefreshToken.parse(try body.string("token")), let invitation = try await organizations.presentedInvitation(lookupID: token.lookupID),
            SecretText.matches(token.secret, storedDigest: invitation.digest)
        else { throw Self.invalidToken }
        let role = invitation.role
        guard let user = try await users.find(id: caller.userID), user.email == invitation.email else {
            throw APIError.forbidden("This invitation is for another email address.")
        }
        if try await organizations.role(of: user.id, in: invitation.organization) != nil {
            throw APIError.conflict("You are already a member of this organization.")
        }
        let now = service.clock()
        let accepted = try await service.database.write([organizations.accept(invitation.id, now: now)])
        guard accepted.first?.changes == 1 else { throw Self.invalidToken }
        _ = try await service.database.write([
            organizations.addMember(organization: invitation.organization, user: user.id, role: role, now: now),
            audit.event("invitation_accepted", actor: user.idText, target: ValueFormats.lowercaseText(of: invitation.id), ipAddress: RequestClientAddress.of(context), now: now),
        ])
        guard let organization = try await organizations.find(invitation.organization, for: user.id) else { throw APIError.internalError }
        return answer(status: .ok, value: organization)
    }

    /// The invitation mail's second way in, where the app serves `joinOrganization`.
    private func joinHint(organization: UUID) -> String {
        guard let route = contract.routes.first(where: { $0.operation == .joinOrganization }) else { return "" }
        let path = route.path.replacingOccurrences(of: "{\(route.pathParameterNames.first ?? "")}", with: service.settings.ids.text(organization, .organization))
        return " Without an account, send POST \(path) with the token, a name and a password instead."
    }

    /// The `{user_id}` path parameter, or 404.
    private func userIDParameter(_ context: LoomRequestContext) throws -> UUID {
        try pathID(context, "user_id", .user, what: "member")
    }

    /// 409: the change would leave the organization without an owner.
    static let lastOwner = APIError.conflict("An organization must keep at least one owner; make another member owner first.")
}
