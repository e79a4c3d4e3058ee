import Foundation
import ValueFormats

/// The one text form of a point in time used for storage and for JSON: ISO-8601 in UTC with
/// exactly three fractional digits, `2024-01-31T12:00:00.000Z`.
///
/// The fixed width makes lexicographic order equal time order, so SQLite can sort and compare
/// timestamp columns stored as text. Formatting and parsing work on bytes with calendar
/// arithmetic instead of `DateFormatter` / `ISO8601DateFormatter`, which are slow to create,
/// slow to run and not `Sendable`.
public enum TimestampFormat {
    /// The current time truncated to the millisecond precision timestamps are stored with, so a
    /// value returned to a client equals the value read back later.
    public static func now() -> Date {
        Date(timeIntervalSince1970: (Date().timeIntervalSince1970 * 1000).rounded(.down) / 1000)
    }

    /// Formats `date` as `YYYY-MM-DDTHH:MM:SS.sssZ` in UTC, rounded to the nearest millisecond.
    ///
    /// Years outside 0000...9999 cannot keep the fixed width; they are clamped to that range
    /// (their exact value is meaningless for an API anyway).
    public static func makeTimestamp(_ date: Date) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        write(date, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the 24 bytes of `makeTimestamp(date)` to `bytes` (used by `JSONWriter`, which
    /// writes timestamps without an intermediate `String`).
    static func write(_ date: Date, into bytes: inout [UInt8]) {
        let minimum: Int64 = -62_167_219_200_000  // 0000-01-01T00:00:00.000Z
        let maximum: Int64 = 253_402_300_799_999  // 9999-12-31T23:59:59.999Z
        let scaled = (date.timeIntervalSince1970 * 1000).rounded()
        let milliseconds: Int64
        if scaled.isNaN {
            milliseconds = 0
        } else {
            milliseconds = Int64(Swift.min(Swift.max(scaled, Double(minimum)), Double(maximum)))
        }
        let (days, millisecondOfDay) = floorDivide(milliseconds, 86_400_000)
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        let millisecond = millisecondOfDay % 1000
        let secondOfDay = millisecondOfDay / 1000
        let hour = secondOfDay / 3600
        let minute = secondOfDay / 60 % 60
        let second = secondOfDay % 60

        let start = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: 24))
        func put(_ value: Int64, at offset: Int, digits: Int) {
            var remaining = value
            for index in stride(from: start + offset + digits - 1, through: start + offset, by: -1) {
                bytes[index] = UInt8(ascii: "0") + UInt8(remaining % 10)
                remaining /= 10
            }
        }
        put(year, at: 0, digits: 4)
        bytes[start + 4] = UInt8(ascii: "-")
        put(month, at: 5, digits: 2)
        bytes[start + 7] = UInt8(ascii: "-")
        put(day, at: 8, digits: 2)
        bytes[start + 10] = UInt8(ascii: "T")
        put(hour, at: 11, digits: 2)
        bytes[start + 13] = UInt8(ascii: ":")
        put(minute, at: 14, digits: 2)
        bytes[start + 16] = UInt8(ascii: ":")
        put(second, at: 17, digits: 2)
        bytes[start + 19] = UInt8(ascii: ".")
        put(millisecond, at: 20, digits: 3)
        bytes[start + 23] = UInt8(ascii: "Z")
    }

    /// Parses an RFC 3339 / ISO-8601 date-time: `YYYY-MM-DDTHH:MM:SS`, optional fraction
    /// (`.` then 1 to 9 digits), then `Z` or an offset `+HH:MM` / `-HH:MM` (`+HHMM` also accepted).
    /// A space or lowercase `t`/`z` is accepted as RFC 3339 allows. Returns `nil` for anything
    /// else, including out-of-range fields (month 13, February 30, hour 24).
    public static func parseTimestamp(_ text: String) -> Date? {
        var text = text
        return text.withUTF8 { parse($0) }
    }

    /// Parses the UTF-8 bytes of a timestamp with the one date-time grammar (`DateTimeText`).
    private static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        guard let text = DateTimeText.parse(bytes) else { return nil }
        let days = daysSinceEpoch(year: text.year, month: text.month, day: text.day)
        let seconds = days * 86_400 + text.hour * 3600 + text.minute * 60 + text.second - text.offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + text.fraction)
    }

    /// Division rounding toward negative infinity, with a non-negative remainder.
    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (Int64, Int64) {
        let quotient = value / divisor
        let remainder = value % divisor
        return remainder < 0 ? (quotient - 1, remainder + divisor) : (quotient, remainder)
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`);
    /// usage rows count days with it too (`CalendarDay`).
    static func daysSinceEpoch(year: Int64, month: Int64, day: Int64) -> Int64 {
        let shiftedYear = month <= 2 ? year - 1 : year
        let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
        let yearOfEra = shiftedYear - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The proleptic Gregorian date of a day count since 1970-01-01 (`civil_from_days`).
    static func civilDate(daysSinceEpoch days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }
}
