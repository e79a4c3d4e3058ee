import Runtime
import Testing

@testable import Auth

/// API key text: per-environment prefixes, a checksum that catches typos before any lookup.
@Suite("API key format")
struct APIKeyFormatTests {
    static let format = APIKeyFormat(prefixes: [
        .init(environment: "live", prefix: "sk_live_"), .init(environment: "test", prefix: "sk_test_"),
    ])

    @Test("an issued key parses back to its environment, lookup id and secret")
    func roundTrip() throws {
        let issued = try #require(Self.format.issue(environment: "test"))
        #expect(issued.text.hasPrefix("sk_test_"))
        #expect(issued.text.count == "sk_test_".count + 12 + 32 + 6)
        #expect(issued.lastFour == String(issued.text.suffix(4)))
        let parsed = try #require(Self.format.parse(issued.text))
        #expect(parsed.environment == "test")
        #expect(parsed.lookupID == issued.lookupID)
        #expect(SecretText.matches(parsed.secret, storedDigest: issued.secretDigest))
        #expect(!issued.text.contains(issued.secretDigest))
    }

    @Test("two keys never share a lookup id or secret")
    func unique() throws {
        let first = try #require(Self.format.issue(environment: "live"))
        let second = try #require(Self.format.issue(environment: "live"))
        #expect(first.lookupID != second.lookupID)
        #expect(first.secretDigest != second.secretDigest)
    }

    @Test("an unknown environment issues nothing")
    func unknownEnvironment() {
        #expect(Self.format.issue(environment: "staging") == nil)
    }

    @Test("every single-character typo is caught by the checksum or the alphabet")
    func typos() throws {
        let issued = try #require(Self.format.issue(environment: "live"))
        var characters = Array(issued.text)
        for index in characters.indices.dropFirst("sk_live_".count) {
            let original = characters[index]
            characters[index] = original == "a" ? "b" : "a"
            #expect(Self.format.parse(String(characters)) == nil, "typo at \(index) accepted")
            characters[index] = original
        }
    }

    @Test("refuses wrong prefixes, lengths and characters", arguments: [
        "", "sk_live_", "pk_live_0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMN", "sk_live_short",
        "sk_live_0123456789ab0123456789abcdefghijklmnopqrstuv-12345",
    ])
    func malformed(_ text: String) {
        #expect(Self.format.parse(text) == nil)
    }

    @Test("moving a valid key to another environment's prefix breaks its checksum")
    func prefixSwap() throws {
        let issued = try #require(Self.format.issue(environment: "live"))
        let swapped = "sk_test_" + issued.text.dropFirst("sk_live_".count)
        #expect(Self.format.parse(swapped) == nil)
        #expect(Self.format.hasKnownPrefix(issued.text))
        #expect(!Self.format.hasKnownPrefix("eyJhbGciOi"))
    }
}
