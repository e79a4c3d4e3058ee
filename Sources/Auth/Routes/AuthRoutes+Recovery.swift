import Foundation
import Hummingbird
import NIOCore
import Runtime
import ValueFormats

/// Password reset and email verification by single-use expiring tokens sent by mail.
extension AuthRoutes {
    /// How long a password reset token lives.
    static let passwordResetSeconds: TimeInterval = 3600
    /// How long an email verification token lives.
    static let emailVerificationSeconds: TimeInterval = 86_400

    var singleUseTokens: SingleUseTokenStore { SingleUseTokenStore(sql: service.sql, database: service.database) }

    /// `POST /password/forgot` → 202 whether or not the email has an account (no enumeration);
    /// an active account gets a reset token by mail.
    func forgotPassword(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        let body = try await decodeBody(request, bodies.forgotPassword)
        let email = UserRecord.normalized(email: try body.string("email"))
        let now = service.clock()
        let ipAddress = RequestClientAddress.of(context)
        try await MailQuota.reserve(
            recipient: email, clientAddress: clientAddresses.clientAddress(of: request, context: context), throttle: service.throttle, now: now)
        // The same work whatever the address names (one read, one committed write, no waiting
        // for mail), so the answer's timing tells nothing about which addresses have accounts.
        guard let user = try await users.find(email: email), user.status == UserRecord.active else {
            _ = try await service.database.write([
                audit.event("password_reset_requested", actor: nil, target: nil, detail: ["account": "none"], ipAddress: ipAddress, now: now)
            ])
            return Response(status: .accepted)
        }
        let token = RefreshToken.generate()
        _ = try await service.database.write([
            singleUseTokens.insert(
                userID: user.id, purpose: .passwordReset, email: user.email, token: token, now: now,
                expiresAt: now.addingTimeInterval(Self.passwordResetSeconds)),
            audit.event("password_reset_requested", actor: nil, target: user.idText, ipAddress: ipAddress, now: now),
        ])
        deliverAfterAnswering(MailMessage(
            to: user.email, subject: "Reset your password",
            body: "Send POST \(path(of: .resetPassword)) with {\"token\": \"\(token.text)\", "
                + "\"new_password\": \"...\"} within an hour. If you did not ask for this, ignore this message."))
        return Response(status: .accepted)
    }

    /// `POST /password/reset` → 204 after setting `new_password`; the token works once, and
    /// every session of the account ends.
    func resetPassword(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        let body = try await decodeBody(request, bodies.resetPassword)
        let replacement = try body.string("new_password")
        try service.passwords.check(replacement, field: "new_password")
        let now = service.clock()
        let token = try await consume(try body.string("token"), purpose: .passwordReset, now: now)
        let hash = try await service.passwords.hash(replacement)
        _ = try await service.database.write([
            users.updatePassword(id: token.userID, hash: hash, now: now),
            sessions.revokeOthers(userID: token.userID, keep: nil, reason: "password_reset", now: now),
            service.throttle.clearAll(LoginThrottle.subject(email: token.email)),
            audit.event(
                "password_reset", actor: ValueFormats.lowercaseText(of: token.userID), target: ValueFormats.lowercaseText(of: token.userID),
                ipAddress: RequestClientAddress.of(context), now: now),
        ])
        return Response(status: .noContent)
    }

    /// `POST /email/verification` → 202 with a verification token mailed to the caller's
    /// address, or 204 when it is already verified.
    func requestEmailVerification(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        let caller = try requireCaller(context, allowingEndUsers: true)
        guard let user = try await users.find(id: caller.userID) else { throw APIError.invalidCredentials() }
        guard user.emailVerifiedAt == nil else { return Response(status: .noContent) }
        let now = service.clock()
        try await MailQuota.reserve(
            recipient: user.email, clientAddress: clientAddresses.clientAddress(of: request, context: context), throttle: service.throttle,
            now: now)
        let token = RefreshToken.generate()
        _ = try await service.database.write([
            singleUseTokens.insert(
                userID: user.id, purpose: .emailVerification, email: user.email, token: token, now: now,
                expiresAt: now.addingTimeInterval(Self.emailVerificationSeconds)),
        ])
        try await service.mail.send(MailMessage(
            to: user.email, subject: "Confirm your email address",
            body: "Send POST \(path(of: .verifyEmail)) with {\"token\": \"\(token.text)\"} within a day."))
        return Response(status: .accepted)
    }

    /// `POST /email/verify` → 204; the account's email is verified, unless it changed since the token was sent.
    func verifyEmail(_ request: Request, _ context: LoomRequestContext) async throws -> Response {
        let body = try await decodeBody(request, bodies.verifyEmail)
        let now = service.clock()
        let token = try await consume(try body.string("token"), purpose: .emailVerification, now: now)
        let results = try await service.database.write([
            service.sql.statement(
                "UPDATE auth_users SET email_verified_at = ?, updated_at = ? WHERE id = ? AND email = ?",
                [.timestamp(now), .timestamp(now), .uuid(token.userID), .text(token.email)]),
            audit.event(
                "email_verified", actor: ValueFormats.lowercaseText(of: token.userID), target: ValueFormats.lowercaseText(of: token.userID),
                ipAddress: RequestClientAddress.of(context), now: now),
        ])
        guard results.first?.changes == 1 else { throw Self.invalidToken }
        return Response(status: .noContent)
    }

    /// Checks and uses a token of `purpose` once; 422 naming `token` otherwise.
    private func consume(_ text: String, purpose: SingleUseTokenStore.Purpose, now: Date) async throws -> SingleUseTokenStore.Presented {
        guard let token = RefreshToken.parse(text), let row = try await singleUseTokens.presented(lookupID: token.lookupID),
            row.purpose == purpose.rawValue, SecretText.matches(token.secret, storedDigest: row.secretDigest),
            row.usedAt == nil, row.expiresAt.isLater(than: now)
        else { throw Self.invalidToken }
        let results = try await service.database.write([singleUseTokens.consume(id: row.id, now: now)])
        guard results.first?.changes == 1 else { throw Self.invalidToken }
        return row
    }

    /// 422 for a token that is unknown, of another purpose, expired or used.
    static let invalidToken = APIError.validation([.init(field: "token", message: "is invalid, expired or already used")])
}
