import Foundation
import Testing

@testable import Runtime

/// `JSONWriter` writes numbers, timestamps and strings straight into its bytes; the output must
/// stay what the `String`-based forms gave.
@Suite("JSON writer")
struct JSONWriterTests {
    @Test("integers, including the extremes", arguments: [Int64.min, -1_000_000, -7, 0, 9, 10, 99, 100, 1_234_567_890, Int64.max])
    func integers(_ integer: Int64) {
        var writer = JSONWriter()
        writer.value(integer)
        #expect(writer.string == String(integer))
    }

    @Test("numbers: integral ones without a fraction, others in Swift's shortest form")
    func numbers() {
        var writer = JSONWriter()
        writer.beginArray()
        for number in [12.5, -3.0, 0.1, 1e15, 1e300, -0.0, Double.nan] { writer.value(number) }
        writer.endArray()
        #expect(writer.string == "[12.5,-3,0.1,1000000000000000.0,1e+300,0,null]")
    }

    @Test("timestamps are written as TimestampFormat text, in place")
    func timestamps() {
        let moments = [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 1_700_000_000.123), Date(timeIntervalSince1970: -1.5)]
        var writer = JSONWriter()
        writer.beginObject()
        for (index, moment) in moments.enumerated() {
            writer.key("t\(index)")
            writer.value(moment)
        }
        writer.endObject()
        let expected = moments.enumerated().map { "\"t\($0.offset)\":\"\(TimestampFormat.makeTimestamp($0.element))\"" }
        #expect(writer.string == "{" + expected.joined(separator: ",") + "}")
        #expect(TimestampFormat.makeTimestamp(moments[1]) == "2023-11-14T22:13:20.123Z")
    }

    @Test("strings: plain text copied, quotes, backslashes and control characters escaped")
    func strings() {
        var writer = JSONWriter()
        writer.beginArray()
        writer.value("plain é ✓")
        writer.value("say \"hi\"\\\n\t\r\u{01}")
        writer.value(true)
        writer.null()
        writer.endArray()
        #expect(writer.string == #"["plain é ✓","say \"hi\"\\\n\t\r\u0001",true,null]"#)
    }

    @Test("strings: every control character, quotes, backslashes and unicode survive a round trip")
    func stringRoundTrip() throws {
        let controls = String(String.UnicodeScalarView((0..<0x20).compactMap(Unicode.Scalar.init)))
        let texts = [controls, "\"\\/\u{7F}", "emoji 👩‍💻 and ünïcödé", "\u{2028}\u{2029}", "", "plain"]
        var writer = JSONWriter()
        writer.beginArray()
        for text in texts { writer.value(text) }
        writer.endArray()
        let decoded = try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [String]
        #expect(decoded == texts)
        #expect(!writer.bytes.contains { $0 < 0x20 })
    }
}
