import Foundation
import Hummingbird
import Runtime
import ValueFormats

/// The platform admins themselves: profile, creating and deactivating admins.
extension PlatformRoutes {
    /// `GET /admin/me` → the calling admin.
    func me(_ request: Request) async throws -> Response {
        let caller = try await caller(request)
        guard let admin = try await admins.find(id: caller.adminID) else { throw APIError.invalidCredentials() }
        return answer(status: .ok, value: PlatformAdminResponse(admin: admin))
    }

    /// `PATCH /admin/me` → 200 with the admin after changing `name`, `email` and/or `password`
    /// (a new password needs `current_password`; the admin's other platform sessions end).
    func updateMe(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        let caller = try await caller(request)
        let body = try await decodeBody(request, bodies.updateMe)
        guard var admin = try await admins.find(id: caller.adminID) else { throw APIError.invalidCredentials() }
        if let name = try body.optionalString("name") { admin.name = name }
        if let email = try body.optionalString("email") { admin.email = UserRecord.normalized(email: email) }
        var statements: [SQLStatement] = []
        let newPassword = try body.optionalString("password")
        if let newPassword {
            try service.passwords.check(newPassword, field: "password")
            guard let current = try body.optionalString("current_password") else {
                throw APIError.validation([.init(field: "current_password", message: "is required to change the password")])
            }
            guard try await service.passwords.verify(current, hash: admin.passwordHash) else {
                throw APIError.forbidden("current_password does not match the admin's password.")
            }
            admin.passwordHash = try await service.passwords.hash(newPassword)
        }
        let now = service.clock()
        admin.updatedAt = now
        statements.append(admins.updateProfile(id: admin.id, name: admin.name, email: admin.email, passwordHash: admin.passwordHash, now: now))
        if newPassword != nil {
            statements.append(sessions.revokeOthers(userID: admin.id, keep: caller.sessionID, reason: "password_changed", now: now))
        }
        statements.append(adminEvent("platform_admin_updated", caller: caller, target: caller.idText, context: context, now: now))
        do {
            _ = try await service.database.write(statements)
        } catch let error as DatabaseError {
            throw AuthRoutes.emailConflict(error)
        }
        return answer(status: .ok, value: PlatformAdminResponse(admin: admin))
    }

    /// `POST /admin` → 201 with the new admin; 409 when the email is taken.
    func createAdmin(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        let caller = try await caller(request)
        let json = try await Runtime.RequestBody.json(request, limit: maxBodyBytes)
        let creation = PlatformAdminCreation(
            sql: service.sql, database: service.database, passwords: service.passwords, body: bodies.createAdmin)
        let admin = try await creation.create(
            json: json, createdBy: caller.idText, ipAddress: RequestClientAddress.of(context), now: service.clock())
        return answer(status: .created, value: PlatformAdminResponse(admin: admin))
    }

    /// `DELETE /admin/{id}` → 204: the admin can no longer log in and every token of theirs
    /// (platform and impersonation) stops working at once. An admin cannot deactivate themself,
    /// and the last active admin stays (409 either way).
    func deactivateAdmin(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        let caller = try await caller(request)
        let id = try pathID(context, nil, what: "active platform admin")
        guard id != caller.adminID else {
            throw APIError.conflict("An admin cannot deactivate themself; ask another platform admin.")
        }
        guard let target = try await admins.find(id: id), target.status == PlatformAdminRecord.active else {
            throw notFound("active platform admin", ValueFormats.lowercaseText(of: id))
        }
        let now = service.clock()
        let results = try await service.database.write(
            admins.deactivate(id: id, now: now) + [admins.deactivationEvent(
                id: id, actor: caller.idText, detail: ["actor_kind": "platform_admin"], ipAddress: RequestClientAddress.of(context),
                now: now)])
        guard results.count > 1, results[1].changes == 1 else {
            throw APIError.conflict("The last active platform admin cannot be deactivated.")
        }
        return Response(status: .noContent)
    }
}
