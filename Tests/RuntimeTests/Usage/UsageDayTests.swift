import Foundation
import Testing

@testable import Runtime

/// Days as usage rows store them and the API writes them, and the latency buckets.
@Suite("Usage days and buckets")
struct UsageDayTests {
    @Test("days since 1970 and YYYY-MM-DD convert both ways; impossible days are refused")
    func days() {
        for (text, number) in [("1970-01-01", 0), ("1999-12-31", 10956), ("2000-02-29", 11016), ("2026-12-05", 20792)] {
            #expect(CalendarDay.text(number) == text)
            #expect(CalendarDay.number(text) == number)
        }
        for text in ["2026-02-29", "2026-13-01", "2026-1-01", "yesterday", "2026-00-10", "+026-01-01"] {
            #expect(CalendarDay.number(text) == nil, "\(text)")
        }
        #expect(CalendarDay.number(of: Date(timeIntervalSince1970: 86_400 * 3 - 1)) == 2)
    }

    @Test("a duration falls in the first bucket whose bound it does not exceed; nothing counted has no percentile")
    func buckets() {
        #expect(UsageHistogram.bucket(nanoseconds: 1_000_000) == 0)
        #expect(UsageHistogram.bucket(nanoseconds: 1_000_001) == 1)
        #expect(UsageHistogram.bucket(nanoseconds: 60_000_000_000) == UsageHistogram.bucketCount - 1)
        #expect(UsageHistogram.quantile(0.5, of: [Int64](repeating: 0, count: UsageHistogram.bucketCount)) == nil)
        var overflow = [Int64](repeating: 0, count: UsageHistogram.bucketCount)
        overflow[UsageHistogram.bucketCount - 1] = 3
        #expect(UsageHistogram.quantile(0.99, of: overflow) == 30_000)
        #expect(UsageHistogram.columns.first == "latency_00" && UsageHistogram.columns.last == "latency_14")
    }
}
