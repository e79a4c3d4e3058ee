import Foundation
import Testing

@testable import Runtime

/// `TimestampFormat`: the fixed-width UTC text form of timestamps.
@Suite("TimestampFormat")
struct TimestampFormatTests {
    @Test("formats UTC with exactly three fractional digits and Z", arguments: [
        (0.0, "1970-01-01T00:00:00.000Z"),
        (1_706_702_400, "2024-01-31T12:00:00.000Z"),
        (1_706_702_400.5, "2024-01-31T12:00:00.500Z"),
        (951_868_799.999, "2000-02-29T23:59:59.999Z"),
        (-0.001, "1969-12-31T23:59:59.999Z"),
        (-62_135_596_800, "0001-01-01T00:00:00.000Z"),
        (253_402_300_799.999, "9999-12-31T23:59:59.999Z"),
        (1_709_210_096.0004, "2024-02-29T12:34:56.000Z"),
        (1_709_210_096.0006, "2024-02-29T12:34:56.001Z"),
    ])
    func formats(seconds: Double, expected: String) {
        #expect(TimestampFormat.makeTimestamp(Date(timeIntervalSince1970: seconds)) == expected)
    }

    @Test("parses with or without fraction, with Z or numeric offsets", arguments: [
        ("2024-01-31T12:00:00.000Z", 1_706_702_400.0),
        ("2024-01-31T12:00:00Z", 1_706_702_400),
        ("2024-01-31T12:00:00+00:00", 1_706_702_400),
        ("2024-01-31T12:00:00.250+00:00", 1_706_702_400.25),
        ("2024-01-31T13:30:00+01:30", 1_706_702_400),
        ("2024-01-31T07:00:00-0500", 1_706_702_400),
        ("2024-01-31t12:00:00.5z", 1_706_702_400.5),
        ("2024-01-31 12:00:00.123456789Z", 1_706_702_400.123456789),
        ("1969-12-31T23:59:59.999Z", -0.001),
        ("2000-02-29T00:00:00Z", 951_782_400),
    ])
    func parses(text: String, seconds: Double) throws {
        let date = try #require(TimestampFormat.parseTimestamp(text))
        #expect(abs(date.timeIntervalSince1970 - seconds) < 0.000_001)
    }

    @Test("rejects malformed or out-of-range text", arguments: [
        "", "2024-01-31", "2024-01-31T12:00:00", "2024-01-31T12:00Z", "2024-1-31T12:00:00Z",
        "2024-02-30T00:00:00Z", "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-00-10T00:00:00Z",
        "2024-01-31T24:00:00Z", "2024-01-31T12:60:00Z", "2024-01-31T12:00:60Z", "2024-01-31T12:00:00.Z",
        "2024-01-31T12:00:00.1234567890Z", "2024-01-31T12:00:00ZZ", "2024-01-31T12:00:00+25:00",
        "2024-01-31T12:00:00+01", " 2024-01-31T12:00:00Z", "2024-01-31X12:00:00Z", "２０２４-01-31T12:00:00Z",
    ])
    func rejects(text: String) {
        #expect(TimestampFormat.parseTimestamp(text) == nil)
    }

    @Test("format then parse gives back the millisecond, and text order is time order")
    func roundTripsAndOrders() throws {
        var generator = SystemRandomNumberGenerator()
        var dates: [Date] = []
        for _ in 0..<2_000 {
            let milliseconds = Int64.random(in: -62_135_596_800_000...253_402_300_799_999, using: &generator)
            dates.append(Date(timeIntervalSince1970: Double(milliseconds) / 1000))
        }
        for date in dates {
            let text = TimestampFormat.makeTimestamp(date)
            #expect(text.utf8.count == 24)
            let parsed = try #require(TimestampFormat.parseTimestamp(text))
            #expect(abs(parsed.timeIntervalSince(date)) < 0.0005, "\(text)")
            #expect(TimestampFormat.makeTimestamp(parsed) == text)
        }
        let byTime = dates.sorted().map(TimestampFormat.makeTimestamp)
        #expect(byTime == byTime.sorted())
    }

    @Test("agrees with Foundation's ISO8601DateFormatter")
    func agreesWithFoundation() throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        for _ in 0..<500 {
            let milliseconds = Int64.random(in: 0...4_102_444_800_000)  // 1970 to 2100
            let date = Date(timeIntervalSince1970: Double(milliseconds) / 1000)
            #expect(TimestampFormat.makeTimestamp(date) == formatter.string(from: date))
            let foundationText = formatter.string(from: date)
            let parsed = try #require(TimestampFormat.parseTimestamp(foundationText))
            #expect(abs(parsed.timeIntervalSince(date)) < 0.0005)
        }
    }
}
