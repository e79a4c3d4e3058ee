import HummingbirdBcrypt
import NIOPosix
import Runtime

/// Password rules and bcrypt hashing (hummingbird-auth), always on NIO's blocking thread pool.
///
/// The server runs its tasks on the event loops (`ServerMain`), so a 250 ms bcrypt in a plain
/// task would stall every connection of that loop; `NIOThreadPool.singleton` is where NIO
/// wants blocking work.
struct PasswordHasher: Sendable {
    /// bcrypt reads at most 72 bytes; longer passwords would be silently truncated, so they are refused.
    static let maximumBytes = 72

    /// bcrypt cost.
    let cost: Int
    /// Shortest accepted password in characters.
    let minimumLength: Int
    /// A hash of a random password at the same cost: verifying against it when the email is
    /// unknown makes a failed login take as long as for a known email.
    let dummyHash: String
    /// Bounds the bcrypt runs in flight and waiting (503 past them).
    let gate: BcryptGate

    /// Prepares a hasher; computes the dummy hash once, off the event loop.
    static func make(cost: Int, minimumLength: Int, gate: BcryptGate = BcryptGate()) async throws -> PasswordHasher {
        let dummy = SecretText.random(count: 32)
        let hash = try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(dummy, cost: UInt8(cost)) }
        return PasswordHasher(cost: cost, minimumLength: minimumLength, dummyHash: hash, gate: gate)
    }

    /// The problem with `password` as a new password in `field`, or `nil`.
    func problem(with password: String, field: String) -> APIError.FieldError? {
        if password.utf8.count > Self.maximumBytes {
            return .init(field: field, message: "is longer than \(Self.maximumBytes) bytes, the most bcrypt can hash; choose a shorter password")
        }
        if password.utf8.contains(0) {
            return .init(field: field, message: "must not contain the NUL character")
        }
        // Counted in Unicode code points, as the document's `minLength` (JSON Schema) counts:
        // grapheme clusters would refuse a password the schema accepts ("e" + a combining accent).
        if password.unicodeScalars.count < minimumLength {
            return .init(field: field, message: "must be at least \(minimumLength) characters long")
        }
        return nil
    }

    /// Throws 422 naming `field` when `password` breaks the rules.
    func check(_ password: String, field: String) throws(APIError) {
        if let problem = problem(with: password, field: field) { throw APIError.validation([problem]) }
    }

    /// The bcrypt hash of an accepted password.
    func hash(_ password: String) async throws -> String {
        let cost = UInt8(self.cost)
        return try await gate.run { try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) } }
    }

    /// Whether `password` matches `hash`. With `hash == nil` (no such account) it checks the
    /// dummy hash and answers `false`, taking the same time. A password bcrypt cannot check
    /// (over 72 bytes, NUL) never matches but is still timed like the others.
    func verify(_ password: String, hash: String?) async throws -> Bool {
        let storedHash = hash ?? dummyHash
        let acceptable = password.utf8.count <= Self.maximumBytes && !password.utf8.contains(0)
        let candidate = acceptable ? password : ""
        let matches = try await gate.run { try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(candidate, hash: storedHash) } }
        return matches && acceptable && hash != nil
    }
}
