import Foundation
import Testing

@testable import Auth

/// Random token text, secret digests and refresh token parsing.
@Suite("Secrets and refresh tokens")
struct SecretTextTests {
    @Test("random text is base62 of the asked length and does not repeat")
    func random() {
        let first = SecretText.random(count: 43)
        let second = SecretText.random(count: 43)
        #expect(first.count == 43)
        #expect(SecretText.isBase62(Substring(first)))
        #expect(first != second)
    }

    @Test("a digest matches its secret only")
    func digest() {
        let digest = SecretText.digest("secret")
        #expect(digest == "2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b")
        #expect(SecretText.matches("secret", storedDigest: digest))
        #expect(!SecretText.matches("secreT", storedDigest: digest))
        #expect(!SecretText.matches("secret", storedDigest: "not hex"))
        #expect(!SecretText.matches("secret", storedDigest: String(digest.dropLast(2))))
    }

    @Test("refresh tokens parse back; anything else is refused before a lookup")
    func refreshTokens() throws {
        let token = RefreshToken.generate()
        #expect(RefreshToken.parse(token.text) == token)
        let refused: [String] = [
            "", ".", token.lookupID, token.text + "x", "!" + String(token.text.dropFirst()),
            token.text.replacingOccurrences(of: ".", with: "-"),
        ]
        for text in refused {
            #expect(RefreshToken.parse(text) == nil, "\(text) parsed")
        }
    }
}
