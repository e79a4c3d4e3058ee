import Crypto
import Foundation
import ValueFormats

/// Random token text, SHA-256 digests of secrets, and their constant-time comparison.
///
/// Refresh tokens and API keys are `<lookup id><secret>`: the id finds the row, and only the
/// SHA-256 of the secret is stored. Comparing the digests goes through swift-crypto's digest
/// equality, which is constant-time, so response timing tells nothing about the secret.
enum SecretText {
    /// The base62 alphabet: URL-safe, no punctuation, double-click selects the whole token.
    static let alphabet = Array("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".utf8)

    /// `count` random base62 characters from the system's secure generator (~5.95 bits each).
    static func random(count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        var bytes = [UInt8]()
        bytes.reserveCapacity(count)
        for _ in 0..<count {
            bytes.append(alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Whether every character of `text` is base62.
    static func isBase62(_ text: Substring) -> Bool {
        text.utf8.allSatisfy(isBase62Byte)
    }

    /// Whether `byte` is a base62 character.
    static func isBase62Byte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
    }

    /// The lowercase hex SHA-256 of `secret`, as stored.
    static func digest(_ secret: String) -> String {
        ValueFormats.hexadecimal(SHA256.hash(data: Array(secret.utf8)))
    }

    /// Whether `secret` hashes to `storedDigest` (hex), compared in constant time.
    static func matches(_ secret: String, storedDigest: String) -> Bool {
        guard let stored = ValueFormats.bytes(hexadecimal: storedDigest) else { return false }
        return SHA256.hash(data: Array(secret.utf8)) == stored
    }
}
