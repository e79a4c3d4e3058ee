/// The parts of an RFC 3339 date-time read from text, before any calendar arithmetic: the one
/// grammar both the generator (schema defaults) and the runtime (request bodies, stored rows,
/// through `TimestampFormat`) accept, so they cannot disagree about what a date-time is.
///
/// Accepted: `YYYY-MM-DD`, then `T` (or `t` or a space, as RFC 3339 allows), `HH:MM:SS`, an
/// optional fraction (`.` and 1 to 9 digits), then `Z`/`z` or an offset `+HH:MM`/`-HH:MM`
/// (`+HHMM` too). Out-of-range fields (month 13, February 30, hour 24, second 60) are refused.
public struct DateTimeText: Sendable, Hashable {
    /// Calendar year, 0000 to 9999.
    public let year: Int64
    /// Month, 1 to 12.
    public let month: Int64
    /// Day of the month, 1 to the month's length.
    public let day: Int64
    /// Hour, 0 to 23.
    public let hour: Int64
    /// Minute, 0 to 59.
    public let minute: Int64
    /// Second, 0 to 59 (leap seconds are refused).
    public let second: Int64
    /// The fraction digits as an integer (`.250` is 250) over `fractionScale` (1000).
    public let fractionDigits: Int64
    /// 10 to the number of fraction digits; 1 without a fraction.
    public let fractionScale: Int64
    /// Seconds east of UTC the text was written in; 0 for `Z`.
    public let offsetSeconds: Int64
    /// Whether the zone was written as `Z` (UTC itself, rather than an offset, even `+00:00`).
    public let isZulu: Bool

    /// The fraction of a second, 0 up to 1.
    public var fraction: Double { Double(fractionDigits) / Double(fractionScale) }

    /// Parses `text`; `nil` when it is not a date-time in the grammar above.
    public static func parse(_ text: String) -> DateTimeText? {
        var text = text
        return text.withUTF8 { parse($0) }
    }

    /// Parses UTF-8 bytes; `nil` when they are not a date-time in the grammar above. Inlinable:
    /// the runtime reads every stored timestamp through it.
    @inlinable
    public static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> DateTimeText? {
        var cursor = AsciiCursor(bytes: bytes)
        guard let year = cursor.number(digits: 4), cursor.skip("-"),
            let month = cursor.number(digits: 2), cursor.skip("-"),
            let day = cursor.number(digits: 2),
            cursor.skip("T") || cursor.skip("t") || cursor.skip(" "),
            let hour = cursor.number(digits: 2), cursor.skip(":"),
            let minute = cursor.number(digits: 2), cursor.skip(":"),
            let second = cursor.number(digits: 2)
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= Gregorian.daysIn(month: month, year: year),
            hour < 24, minute < 60, second < 60
        else { return nil }

        var fractionDigits: Int64 = 0
        var fractionScale: Int64 = 1
        if cursor.skip(".") {
            var digitCount = 0
            while digitCount < 10, let digit = cursor.digit() {
                fractionDigits = fractionDigits * 10 + digit
                fractionScale *= 10
                digitCount += 1
            }
            guard (1...9).contains(digitCount) else { return nil }
        }

        var offsetSeconds: Int64 = 0
        let isZulu = cursor.skip("Z") || cursor.skip("z")
        if !isZulu {
            guard let sign: Int64 = cursor.skip("+") ? 1 : (cursor.skip("-") ? -1 : nil),
                let offsetHours = cursor.number(digits: 2)
            else { return nil }
            _ = cursor.skip(":")
            guard let offsetMinutes = cursor.number(digits: 2), offsetHours < 24, offsetMinutes < 60 else { return nil }
            offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
        }
        guard cursor.isAtEnd else { return nil }
        return DateTimeText(
            year: year, month: month, day: day, hour: hour, minute: minute, second: second,
            fractionDigits: fractionDigits, fractionScale: fractionScale, offsetSeconds: offsetSeconds, isZulu: isZulu)
    }

    /// Creates the parts; `parse` is the way in.
    @usableFromInline
    init(
        year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64, second: Int64,
        fractionDigits: Int64, fractionScale: Int64, offsetSeconds: Int64, isZulu: Bool
    ) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
        self.fractionDigits = fractionDigits
        self.fractionScale = fractionScale
        self.offsetSeconds = offsetSeconds
        self.isZulu = isZulu
    }
}
