import Foundation
import Runtime

/// One login attempt's reservations in `LoginThrottle`: its email *at its client address*, and
/// the address itself.
///
/// The email is locked per address (`<subject>|<address>`), so someone guessing from one
/// address cannot keep the account's owner out from another; the address has a limit of its own
/// across all emails (`addressFactor` × `maxFailures` failures per lock window), so one address
/// cannot spray guesses over many accounts either. Both are counted before bcrypt runs. A
/// success clears the email's counter at that address and gives the address its attempt back.
struct LoginAttempt: Sendable {
    /// How many times `maxFailures` one client address may fail, over all emails, per window.
    static let addressFactor = 5
    /// The subject prefix of an address's own counter.
    static let addressPrefix = "login-address:"

    /// The email's counter at this address (the email's alone when the address is unknown).
    let account: String
    /// The address's counter, `nil` when the address is unknown.
    let address: String?
    /// The address counter's limit.
    let addressLimit: Int

    /// Reserves an attempt for `subject` (an email's throttle subject) from `clientAddress`;
    /// throws 429 when either is used up.
    static func reserve(_ subject: String, clientAddress: String?, throttle: LoginThrottle, now: Date) async throws -> LoginAttempt {
        let attempt = LoginAttempt(
            account: clientAddress.map { subject + "|" + $0 } ?? subject, address: clientAddress.map { addressPrefix + $0 },
            addressLimit: throttle.maxFailures * addressFactor)
        if let address = attempt.address { try await throttle.reserveAttempt(address, limit: attempt.addressLimit, now: now) }
        try await throttle.reserveAttempt(attempt.account, now: now)
        return attempt
    }

    /// What a failed attempt writes with its audit row: the locks whose limits it reached.
    func failureStatements(_ throttle: LoginThrottle, now: Date) -> [SQLStatement] {
        throttle.lockStatements(account, now: now) + (address.map { throttle.lockStatements($0, limit: addressLimit, now: now) } ?? [])
    }

    /// What a successful attempt writes: the email's counter at this address cleared, the
    /// address's attempt given back.
    func successStatements(_ throttle: LoginThrottle) -> [SQLStatement] {
        [throttle.clear(account)] + (address.map { [throttle.release($0)] } ?? [])
    }
}
