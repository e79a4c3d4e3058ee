/// The fixed latency buckets of usage statistics. Every instance and every flush counts into
/// the same buckets, so counts add up across instances and days (one column per bucket) and
/// the percentiles are computed when read, from the summed counts.
enum UsageHistogram {
    /// Upper bounds of the finite buckets, in milliseconds; one more bucket counts the rest.
    static let boundsMilliseconds: [Double] = [1, 2.5, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000, 30_000]
    /// The same bounds in nanoseconds, as the hot path compares them.
    static let boundsNanoseconds: [Int64] = boundsMilliseconds.map { Int64($0 * 1_000_000) }
    /// Number of buckets (the finite ones and the overflow).
    static let bucketCount = boundsMilliseconds.count + 1
    /// The bucket columns of `usage_daily`, in order.
    static let columns: [String] = (0..<bucketCount).map { "latency_\($0 < 10 ? "0" : "")\($0)" }

    /// The bucket of a request that took `nanoseconds`: a scan of 14 integers, no allocation.
    static func bucket(nanoseconds: Int64) -> Int {
        var index = 0
        while index < boundsNanoseconds.count, nanoseconds > boundsNanoseconds[index] { index += 1 }
        return index
    }

    /// The `quantile` (0 to 1) of `counts`, in milliseconds, interpolated linearly inside its
    /// bucket as Prometheus' `histogram_quantile` does; a quantile in the overflow bucket is the
    /// largest finite bound. `nil` when nothing was counted.
    static func quantile(_ quantile: Double, of counts: [Int64]) -> Double? {
        let total = counts.reduce(0, +)
        guard total > 0 else { return nil }
        let rank = quantile * Double(total)
        var below: Int64 = 0
        for (index, count) in counts.enumerated() where count > 0 {
            if Double(below + count) >= rank {
                let lower = index == 0 ? 0 : boundsMilliseconds[index - 1]
                guard index < boundsMilliseconds.count else { return lower }
                let fraction = max(0, rank - Double(below)) / Double(count)
                return ((lower + (boundsMilliseconds[index] - lower) * fraction) * 1000).rounded() / 1000
            }
            below += count
        }
        return boundsMilliseconds.last
    }
}
