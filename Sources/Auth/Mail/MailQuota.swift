import Foundation
import Runtime

/// Limits the mails the auth routes send: at most `perRecipient` to one email and
/// `perAddress` requested from one client address per lock window (`lockoutSeconds`), counted
/// in the login throttle's table before anything is written or sent, so nobody can flood a
/// victim's inbox through password resets, verification requests or invitations. A request past
/// either limit is 429 with `Retry-After`. Forgotten-password requests are counted for every
/// email, with or without an account, so the limit reveals nothing about which have one.
enum MailQuota {
    /// Mails to one email per window.
    static let perRecipient = 3
    /// Mails requested from one client address per window.
    static let perAddress = 15
    /// The subject prefix of a recipient's counter.
    static let recipientPrefix = "mail:"
    /// The subject prefix of a client address's counter.
    static let addressPrefix = "mail-address:"

    /// Counts one mail to `recipient` requested from `clientAddress`; throws 429 past a limit.
    static func reserve(recipient: String, clientAddress: String?, throttle: LoginThrottle, now: Date) async throws {
        if let clientAddress { try await throttle.reserveAttempt(addressPrefix + clientAddress, limit: perAddress, now: now) }
        try await throttle.reserveAttempt(recipientPrefix + recipient, limit: perRecipient, now: now)
    }
}
