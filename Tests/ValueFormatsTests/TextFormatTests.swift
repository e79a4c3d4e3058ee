import Foundation
import Testing
import ValueFormats

@Suite("Base64url")
struct Base64URLTests {
    @Test("RFC 4648 test vectors, unpadded, with the URL alphabet")
    func vectors() {
        let vectors = ["": "", "f": "Zg", "fo": "Zm8", "foo": "Zm9v", "foob": "Zm9vYg", "fooba": "Zm9vYmE", "foobar": "Zm9vYmFy"]
        for (plain, encoded) in vectors {
            #expect(ValueFormats.base64URL(Array(plain.utf8)) == encoded)
            #expect(ValueFormats.bytes(base64URL: encoded) == Array(plain.utf8))
        }
        #expect(ValueFormats.base64URL([0xfb, 0xff, 0xbf]) == "-_-_")
        #expect(ValueFormats.bytes(base64URL: "-_-_") == [0xfb, 0xff, 0xbf])
    }

    @Test("agrees with Foundation's base64 (alphabet swapped, padding dropped) on every length and random bytes")
    func matchesFoundation() {
        var generator = SystemRandomNumberGenerator()
        for length in 0..<200 {
            let bytes = (0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) }
            let foundation = Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
            let encoded = ValueFormats.base64URL(bytes)
            #expect(encoded == foundation, "length \(length)")
            #expect(ValueFormats.bytes(base64URL: encoded) == bytes, "length \(length)")
        }
    }

    @Test("refuses padding, the standard alphabet's + and /, impossible lengths and non-zero leftover bits")
    func refusals() {
        for text in ["Zg==", "Zm9v+w", "Zm9v/w", "Z", "Zm9vY", "Zh", "Zm9", "Zm 9v", "é"] {
            #expect(ValueFormats.bytes(base64URL: text) == nil, "\(text)")
        }
        #expect(ValueFormats.bytes(base64URL: "Zm8") == Array("fo".utf8))
    }
}

@Suite("UUID text")
struct UUIDTextTests {
    @Test("reads what Foundation reads and writes what Foundation writes, lower-cased")
    func matchesFoundation() {
        for _ in 0..<500 {
            let uuid = UUID()
            let text = ValueFormats.lowercaseText(of: uuid)
            #expect(text == uuid.uuidString.lowercased())
            #expect(ValueFormats.uuid(text) == uuid)
            #expect(ValueFormats.uuid(uuid.uuidString) == uuid, "upper case")
        }
        #expect(ValueFormats.lowercaseText(of: UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))) == "00000000-0000-0000-0000-000000000000")
    }

    @Test("refuses every other form UUID(uuidString:) refuses, and blanks it lets through")
    func refusals() {
        let good = "3f2504e0-4f89-11d3-9a0c-0305e82c3301"
        let bad = [
            "", "3f2504e04f8911d39a0c0305e82c3301", "{3f2504e0-4f89-11d3-9a0c-0305e82c3301}", "3f2504e0-4f89-11d3-9a0c-0305e82c330",
            "3f2504e0-4f89-11d3-9a0c-0305e82c33011", "3f2504e0x4f89-11d3-9a0c-0305e82c3301", "3f2504e0-4f89-11d3-9a0c-0305e82c330g",
            "3f2504e0-4f8-911d3-9a0c-0305e82c3301", "3f2504é0-4f89-11d3-9a0c-0305e82c330",
        ]
        #expect(ValueFormats.uuid(good) != nil)
        for text in bad {
            #expect(ValueFormats.uuid(text) == nil, "\(text)")
            #expect(UUID(uuidString: text) == nil, "Foundation agrees on \(text)")
        }
        // Stricter than Foundation on Linux, whose `sscanf` skips a blank before a group.
        #expect(ValueFormats.uuid(" 3f2504e0-4f89-11d3-9a0c-0305e82c330") == nil)
    }
}
