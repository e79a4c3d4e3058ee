import Runtime
import Testing

@testable import Auth

/// bcrypt hashing with the 72-byte limit made explicit, and equal work for unknown accounts.
@Suite("Passwords")
struct PasswordHasherTests {
    static func hasher() async throws -> PasswordHasher {
        try await PasswordHasher.make(cost: 4, minimumLength: 8)
    }

    @Test("a hash verifies its password only")
    func hashAndVerify() async throws {
        let hasher = try await Self.hasher()
        let hash = try await hasher.hash("correct horse")
        #expect(hash.hasPrefix("$2"))
        let right = try await hasher.verify("correct horse", hash: hash)
        let wrong = try await hasher.verify("correct horsE", hash: hash)
        #expect(right)
        #expect(!wrong)
    }

    @Test("an unknown account (no hash) never verifies, even with the dummy's password shape")
    func unknownAccount() async throws {
        let hasher = try await Self.hasher()
        let verified = try await hasher.verify("anything at all", hash: nil)
        #expect(!verified)
        #expect(hasher.dummyHash.hasPrefix("$2"))
    }

    @Test("passwords over 72 bytes are refused, naming the field; 72 bytes are fine")
    func byteLimit() async throws {
        let hasher = try await Self.hasher()
        #expect(hasher.problem(with: String(repeating: "a", count: 72), field: "password") == nil)
        let long = hasher.problem(with: String(repeating: "a", count: 73), field: "password")
        #expect(long?.field == "password")
        #expect(long?.message.contains("72 bytes") == true)
        // 25 three-byte characters are 25 characters but 75 bytes.
        #expect(hasher.problem(with: String(repeating: "€", count: 25), field: "new_password")?.field == "new_password")
        // A long password that shares its first 72 bytes with the real one must not verify.
        let hash = try await hasher.hash(String(repeating: "a", count: 72))
        let truncated = try await hasher.verify(String(repeating: "a", count: 73), hash: hash)
        #expect(!truncated)
    }

    @Test("short passwords and NUL characters are refused")
    func rules() async throws {
        let hasher = try await Self.hasher()
        #expect(hasher.problem(with: "short", field: "password")?.message.contains("at least 8") == true)
        #expect(hasher.problem(with: "long enough\u{0}tail", field: "password") != nil)
        #expect(throws: APIError.self) { try hasher.check("short", field: "password") }
    }

    @Test("length is counted in code points, as the document's minLength: combining marks count")
    func codePoints() async throws {
        let hasher = try await Self.hasher()
        // 8 code points, 4 grapheme clusters: JSON Schema's minLength 8 accepts it, so must the server.
        let combined = "e\u{301}e\u{301}e\u{301}e\u{301}"
        #expect(combined.count == 4 && combined.unicodeScalars.count == 8)
        #expect(hasher.problem(with: combined, field: "password") == nil)
        #expect(hasher.problem(with: "e\u{301}e\u{301}e\u{301}", field: "password") != nil)
    }
}
