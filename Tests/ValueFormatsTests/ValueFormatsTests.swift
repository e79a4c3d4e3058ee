import Testing
import ValueFormats

/// Pins the field formats the generator and the runtime share: their lengths and edges.
@Suite("Value formats")
struct ValueFormatsTests {
    @Test(
        "email addresses",
        arguments: [
            ("ada@example.com", true), ("a@b.co", true), ("first.last+tag@sub.example.org", true),
            ("a@b", false), ("@example.com", false), ("ada@", false), ("ada@@example.com", false),
            ("a@b@c.com", false), ("ada @example.com", false), ("ada@exa mple.com", false), ("ada@example.com\n", false),
            ("ada@.example.com", false), ("ada@example..com", false), ("ada@example.com.", false),
            ("ada@-example.com", false), ("ada@example-.com", false), ("ada@ex-ample.com", true), ("", false),
        ])
    func email(text: String, valid: Bool) {
        #expect(ValueFormats.isEmail(text) == valid, "\(text)")
    }

    @Test("an email address has at most 64 bytes before the @ and 254 in all")
    func emailLengths() {
        #expect(ValueFormats.isEmail(String(repeating: "l", count: 64) + "@example.com"))
        #expect(!ValueFormats.isEmail(String(repeating: "l", count: 65) + "@example.com"))
        // Bytes, not characters: 32 two-byte letters fill the local part, 33 overflow it.
        #expect(ValueFormats.isEmail(String(repeating: "é", count: 32) + "@example.com"))
        #expect(!ValueFormats.isEmail(String(repeating: "é", count: 33) + "@example.com"))
        let fitting = String(repeating: "l", count: 64) + "@" + String(repeating: "d", count: 254 - 64 - 1 - 4) + ".com"
        #expect(fitting.utf8.count == 254)
        #expect(ValueFormats.isEmail(fitting))
        #expect(!ValueFormats.isEmail(String(repeating: "l", count: 64) + "@" + String(repeating: "d", count: 254 - 64 - 4) + ".com"))
        #expect(ValueFormats.maximumEmailLength == 254 && ValueFormats.maximumEmailLocalPartLength == 64)
    }

    @Test(
        "http and https URLs",
        arguments: [
            ("https://example.com", true), ("http://example.com/path?q=1#top", true), ("HTTPS://EXAMPLE.COM", true),
            ("https://127.0.0.1:8080/", true), ("https://user@example.com", true),
            ("ftp://example.com", false), ("javascript:alert(1)", false), ("mailto:ada@example.com", false),
            ("https://", false), ("https:///path", false), ("example.com", false), ("/relative/path", false),
            ("https://exa mple.com", false), ("https://example.com/ a", false), ("", false),
        ])
    func url(text: String, valid: Bool) {
        #expect(ValueFormats.isHTTPURL(text) == valid, "\(text)")
    }

    @Test("a URL has at most 2048 bytes")
    func urlLength() {
        let prefix = "https://example.com/"
        #expect(ValueFormats.isHTTPURL(prefix + String(repeating: "a", count: 2048 - prefix.utf8.count)))
        #expect(!ValueFormats.isHTTPURL(prefix + String(repeating: "a", count: 2049 - prefix.utf8.count)))
    }

    @Test(
        "calendar dates",
        arguments: [
            ("2024-01-31", true), ("2024-02-29", true), ("2000-02-29", true), ("0000-01-01", true), ("9999-12-31", true),
            ("2023-02-29", false), ("1900-02-29", false), ("2024-04-31", false), ("2024-13-01", false), ("2024-00-10", false),
            ("2024-01-00", false), ("2024-1-31", false), ("24-01-31", false), ("2024/01/31", false), ("2024-01-31T00:00:00Z", false),
            ("2024-01-31 ", false), ("２０２４-01-31", false), ("", false),
        ])
    func date(text: String, valid: Bool) {
        #expect(ValueFormats.isDate(text) == valid, "\(text)")
    }

    @Test(
        "RFC 3339 date-times",
        arguments: [
            ("2024-01-31T12:00:00Z", true), ("2024-01-31T12:00:00.1Z", true), ("2024-01-31T12:00:00.123456789Z", true),
            ("2024-01-31t12:00:00z", true), ("2024-01-31 12:00:00Z", true), ("2024-01-31T12:00:00+02:00", true),
            ("2024-01-31T12:00:00-0530", true), ("2024-02-29T23:59:59Z", true),
            ("2024-01-31T12:00:00", false), ("2024-01-31", false), ("2024-01-31T12:00:00.Z", false),
            ("2024-01-31T12:00:00.1234567890Z", false), ("2024-01-31T24:00:00Z", false), ("2024-01-31T12:60:00Z", false),
            ("2024-01-31T12:00:60Z", false), ("2023-02-29T12:00:00Z", false), ("2024-01-31T12:00:00+24:00", false),
            ("2024-01-31T12:00:00+02", false), ("2024-01-31T12:00:00Z ", false), ("2024-01-31T12:00Z", false),
        ])
    func dateTime(text: String, valid: Bool) {
        #expect(ValueFormats.isDateTime(text) == valid, "\(text)")
    }

    @Test("a date-time's parts, fraction and zone")
    func dateTimeParts() throws {
        let text = try #require(DateTimeText.parse("2024-03-04T05:06:07.250-01:30"))
        #expect([text.year, text.month, text.day, text.hour, text.minute, text.second] == [2024, 3, 4, 5, 6, 7])
        #expect(text.fraction == 0.25)
        #expect(text.offsetSeconds == -5400)
        #expect(!text.isZulu)
        #expect(try #require(DateTimeText.parse("2024-03-04T05:06:07z")).isZulu)
        #expect(try #require(DateTimeText.parse("2024-03-04T05:06:07+00:00")).isZulu == false)
    }

    @Test(
        "UUIDs",
        arguments: [
            ("123e4567-e89b-12d3-a456-426614174000", true), ("6F9619FF-8B86-D011-B42D-00C04FC964FF", true),
            ("00000000-0000-0000-0000-000000000000", true),
            ("123e4567e89b12d3a456426614174000", false), ("123e4567-e89b-12d3-a456-42661417400", false),
            ("123e4567-e89b-12d3-a456-4266141740000", false), ("123e4567-e89b-12d3-a456_426614174000", false),
            ("g23e4567-e89b-12d3-a456-426614174000", false), ("{123e4567-e89b-12d3-a456-426614174000}", false), ("", false),
        ])
    func uuid(text: String, valid: Bool) {
        #expect(ValueFormats.isUUID(text) == valid, "\(text)")
    }
}
