import Foundation
import Synchronization

/// The claims of access tokens whose header, signature, issuer and audience have been checked
/// once, by token text, so a client sending the same token on every request pays the base64,
/// JSON and HMAC work once per token instead of once per request.
///
/// Only what cannot change for a given token text is remembered: a token is immutable and the
/// signing key lives as long as the process. What can change is checked again on every use:
/// `exp` and `nbf` against the clock (`AccessTokens.verify`), and the session, user, membership
/// and project in the database read that follows (`AuthService.authenticate(accessToken:)`), so
/// revocation stays immediate. Only tokens that passed every check are stored, so a client
/// cannot fill the cache with forgeries; it is bounded all the same: when full, expired entries
/// go first, then everything (the next use of each token verifies it again).
final class VerifiedTokens: Sendable {
    /// Most tokens remembered at once (about 1 KB each with their claims).
    static let defaultCapacity = 10_000

    private let entries = Mutex<[String: AccessTokenClaims]>([:])
    private let capacity: Int

    init(capacity: Int = VerifiedTokens.defaultCapacity) {
        self.capacity = capacity
    }

    /// The remembered claims of `token`, or `nil` when it was not verified here before.
    func claims(of token: String) -> AccessTokenClaims? {
        entries.withLock { $0[token] }
    }

    /// Remembers the claims of a token that passed every check, making room first when full:
    /// entries whose tokens expired before `now` are dropped, and if none had, all are.
    func remember(_ claims: AccessTokenClaims, of token: String, now: Date) {
        entries.withLock { entries in
            if entries.count >= capacity {
                entries = entries.filter { $0.value.expiration.value > now }
                if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            }
            entries[token] = claims
        }
    }

    /// How many tokens are remembered (tests).
    var count: Int { entries.withLock { $0.count } }
}
