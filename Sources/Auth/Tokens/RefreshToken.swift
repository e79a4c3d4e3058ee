/// An opaque refresh token, `<16-character lookup id>.<43-character secret>` in base62.
///
/// The lookup id is stored in clear (indexed) to find the row; the secret only as its
/// SHA-256. A token is used once: refreshing marks it used and issues the next one of the
/// session (the family); presenting a used token again revokes the session.
struct RefreshToken: Sendable, Equatable {
    /// Length of the lookup id.
    static let lookupLength = 16
    /// Length of the secret (256 bits of entropy needs 43 base62 characters).
    static let secretLength = 43

    /// Public part that finds the row.
    let lookupID: String
    /// Secret part, never stored.
    let secret: String

    /// The text handed to the client.
    var text: String { lookupID + "." + secret }

    /// A new random token.
    static func generate() -> RefreshToken {
        RefreshToken(lookupID: SecretText.random(count: lookupLength), secret: SecretText.random(count: secretLength))
    }

    /// Parses client text; `nil` when it cannot be a token of ours (no lookup is made then).
    static func parse(_ text: String) -> RefreshToken? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].utf8.count == lookupLength, parts[1].utf8.count == secretLength,
            SecretText.isBase62(parts[0]), SecretText.isBase62(parts[1])
        else { return nil }
        return RefreshToken(lookupID: String(parts[0]), secret: String(parts[1]))
    }
}
