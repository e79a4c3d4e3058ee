/// The proleptic Gregorian calendar rules the date formats check.
public enum Gregorian {
    /// Whether `year` has a 29 February.
    @inlinable
    public static func isLeapYear(_ year: Int64) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// Number of days in `month` (1 to 12) of `year`.
    @inlinable
    public static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
