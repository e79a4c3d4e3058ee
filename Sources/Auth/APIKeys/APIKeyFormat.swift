import Crypto
import Runtime

/// The text of an API key: `<environment prefix><12-char lookup id><32-char secret><6-char checksum>`,
/// all base62 after the prefix (`sk_live_` + 50 characters).
///
/// The checksum (the first 4 bytes of SHA-256 over everything before it, in base62) lets the
/// server reject a mistyped or truncated key without touching the database, the way GitHub's
/// token format does; it is not a secret and adds no security.
struct APIKeyFormat: Sendable {
    /// Length of the lookup id.
    static let lookupLength = 12
    /// Length of the secret (~190 bits).
    static let secretLength = 32
    /// Length of the checksum.
    static let checksumLength = 6

    /// A key just made: the text shown once, and the parts stored.
    struct Issued: Sendable {
        /// The whole key, returned to the client once.
        let text: String
        /// Environment it belongs to.
        let environment: String
        /// Its prefix.
        let prefix: String
        /// Public lookup id.
        let lookupID: String
        /// SHA-256 (hex) of the secret.
        let secretDigest: String
        /// Last four characters, shown in lists.
        let lastFour: String
    }

    /// A key read from a request, well-formed and with a valid checksum.
    struct Presented: Sendable {
        /// Environment named by the prefix.
        let environment: String
        /// Public lookup id.
        let lookupID: String
        /// Secret part.
        let secret: String
    }

    /// Environment → prefix from `app.json`.
    let prefixes: [AuthSettings.APIKeySettings.Prefix]

    /// Whether `text` starts with one of the app's key prefixes (to tell keys from JWTs in `Authorization`).
    func hasKnownPrefix(_ text: String) -> Bool {
        prefixes.contains { text.hasPrefix($0.prefix) }
    }

    /// A new key for `environment`; `nil` when the app declares no such environment.
    func issue(environment: String) -> Issued? {
        guard let prefix = prefixes.first(where: { $0.environment == environment })?.prefix else { return nil }
        let lookupID = SecretText.random(count: Self.lookupLength)
        let secret = SecretText.random(count: Self.secretLength)
        let body = prefix + lookupID + secret
        let text = body + Self.checksum(of: body)
        return Issued(
            text: text, environment: environment, prefix: prefix, lookupID: lookupID,
            secretDigest: SecretText.digest(secret), lastFour: String(text.suffix(4)))
    }

    /// Parses a presented key; `nil` for an unknown prefix, a wrong length, a non-base62
    /// character or a checksum mismatch (the caller answers 401 without a lookup).
    func parse(_ text: String) -> Presented? {
        guard let entry = prefixes.first(where: { text.hasPrefix($0.prefix) }) else { return nil }
        let bytes = Array(text.utf8)
        let prefixCount = entry.prefix.utf8.count
        guard bytes.count == prefixCount + Self.lookupLength + Self.secretLength + Self.checksumLength else { return nil }
        let rest = bytes[prefixCount...]
        guard rest.allSatisfy(SecretText.isBase62Byte) else { return nil }
        let body = String(decoding: bytes[..<(bytes.count - Self.checksumLength)], as: UTF8.self)
        let checksum = String(decoding: bytes.suffix(Self.checksumLength), as: UTF8.self)
        guard Self.checksum(of: body) == checksum else { return nil }
        let lookupID = String(decoding: rest.prefix(Self.lookupLength), as: UTF8.self)
        let secret = String(decoding: rest.dropFirst(Self.lookupLength).prefix(Self.secretLength), as: UTF8.self)
        return Presented(environment: entry.environment, lookupID: lookupID, secret: secret)
    }

    /// The checksum of `body`: SHA-256's first 4 bytes as a fixed-width base62 number.
    static func checksum(of body: String) -> String {
        let digest = Array(SHA256.hash(data: Array(body.utf8)))
        var number = UInt64(digest[0]) << 24 | UInt64(digest[1]) << 16 | UInt64(digest[2]) << 8 | UInt64(digest[3])
        var characters = [UInt8](repeating: SecretText.alphabet[0], count: checksumLength)
        for index in stride(from: checksumLength - 1, through: 0, by: -1) {
            characters[index] = SecretText.alphabet[Int(number % 62)]
            number /= 62
        }
        return String(decoding: characters, as: UTF8.self)
    }
}
