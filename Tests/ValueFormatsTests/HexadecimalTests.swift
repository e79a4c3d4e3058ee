import Testing
import ValueFormats

@Suite("Hexadecimal bytes")
struct HexadecimalTests {
    @Test("two digits per byte, either case; odd lengths and other characters are refused")
    func bytes() {
        #expect(ValueFormats.bytes(hexadecimal: "00ff10Ab") == [0x00, 0xff, 0x10, 0xab])
        #expect(ValueFormats.bytes(hexadecimal: "") == [])
        #expect(ValueFormats.bytes(hexadecimal: "abc") == nil)
        #expect(ValueFormats.bytes(hexadecimal: "zz") == nil)
        #expect(ValueFormats.bytes(hexadecimal: "0x10") == nil)
        #expect(ValueFormats.bytes(hexadecimal: "757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17")?.count == 32)
    }
}

@Suite("Hexadecimal text")
struct HexadecimalTextTests {
    @Test("two lower-case digits per byte, read back by bytes(hexadecimal:)")
    func text() {
        #expect(ValueFormats.hexadecimal([0x00, 0xff, 0x10, 0xab]) == "00ff10ab")
        #expect(ValueFormats.hexadecimal([UInt8]()) == "")
        let bytes = (0...255).map(UInt8.init)
        #expect(ValueFormats.bytes(hexadecimal: ValueFormats.hexadecimal(bytes)) == bytes)
    }
}
