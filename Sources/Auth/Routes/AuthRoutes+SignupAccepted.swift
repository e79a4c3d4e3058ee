import Foundation
import Hummingbird
import Runtime

/// Sign-up that reveals no account (`auth.signup.answer: "accepted"`).
extension AuthRoutes {
    /// `POST /signup` when the app answers `accepted`: 202 with no body whether or not the
    /// email already has an account. A new account is written with a single-use email
    /// verification token (one transaction) and mailed the token; an address that already has
    /// an account (in the same project, for end users) is mailed a notice and nothing changes.
    ///
    /// Both ways cost the same before the answer: the password is hashed, one write is tried
    /// (the insert, or its unique violation then an audit row), and mail goes out after the
    /// answer, so neither the answer nor its timing tells which addresses have accounts. A
    /// taken organization slug is still 409: slugs are public names, not accounts.
    func signupAccepted(
        _ user: UserRecord, organization: (statements: [SQLStatement], binding: SessionBinding), project: UUID?,
        context: LoomRequestContext, now: Date
    ) async throws -> Response {
        let ipAddress = context.remoteAddress?.ipAddress
        let token = RefreshToken.generate()
        do {
            _ = try await service.database.write([users.insert(user)] + organization.statements + [
                singleUseTokens.insert(
                    userID: user.id, purpose: .emailVerification, email: user.email, token: token, now: now,
                    expiresAt: now.addingTimeInterval(Self.emailVerificationSeconds)),
                audit.event("signup", actor: user.idText, target: user.idText, ipAddress: ipAddress, now: now),
            ])
            deliverAfterAnswering(MailMessage(
                to: user.email, subject: "Confirm your email address",
                body: "Send POST \(path(of: .verifyEmail)) with {\"token\": \"\(token.text)\"} within a day, then log in at "
                    + "\(path(of: .login)). If you did not sign up, ignore this message."))
        } catch let error as DatabaseError {
            guard case .uniqueViolation = error.code, let existing = try await users.find(email: user.email, project: project) else {
                throw try await signupConflict(error, email: user.email, organization: organization.binding)
            }
            _ = try await service.database.write([
                audit.event("signup_existing_email", actor: nil, target: existing.idText, ipAddress: ipAddress, now: now)
            ])
            deliverAfterAnswering(MailMessage(
                to: existing.email, subject: "Someone tried to sign up with your address",
                body: "An account with this address already exists, so no new one was made. If it was you, log in at "
                    + "\(path(of: .login)). If not, you can ignore this message."))
        }
        return Response(status: .accepted)
    }

    /// Sends `message` after the answer (202 promises no more): an SMTP exchange would
    /// otherwise set real accounts apart by time. A failed delivery is logged by the sender.
    func deliverAfterAnswering(_ message: MailMessage) {
        let mail = service.mail
        Task { try? await mail.send(message) }
    }
}
