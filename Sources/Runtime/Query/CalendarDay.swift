import Foundation
import ValueFormats

/// UTC days as whole days since 1970-01-01 (as usage rows store them) and as the API writes and
/// reads them (`YYYY-MM-DD`, the RFC 3339 full-date of `ContractParameter.Kind.date`).
enum CalendarDay {
    /// The day `date` falls on, UTC.
    static func number(of date: Date) -> Int {
        Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
    }

    /// `YYYY-MM-DD` of day `number`.
    static func text(_ number: Int) -> String {
        let (year, month, day) = TimestampFormat.civilDate(daysSinceEpoch: Int64(number))
        return padded(year, 4) + "-" + padded(month, 2) + "-" + padded(day, 2)
    }

    /// `value` with leading zeros up to `width` digits.
    private static func padded(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// The day number of `YYYY-MM-DD`, or `nil` when `text` is not a real day (years 0001 to 9999).
    static func number(_ text: String) -> Int? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int64(parts[0]), let month = Int64(parts[1]), let day = Int64(parts[2]),
            year >= 1, (1...12).contains(month), day >= 1, day <= Gregorian.daysIn(month: month, year: year)
        else { return nil }
        return Int(TimestampFormat.daysSinceEpoch(year: year, month: month, day: day))
    }
}
