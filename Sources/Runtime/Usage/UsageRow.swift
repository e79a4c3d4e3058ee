import APIContract

/// One row of usage statistics as `GET <base><usage path>` answers it (the `CalendarDay`
/// component): the counts of a day, key and organization, and the latency percentiles
/// computed from the summed histogram.
struct UsageRow: Sendable, JSONWritable {
    let day: Int
    /// `nil` for requests made without an API key (or rows summed per organization).
    let apiKeyID: String?
    /// `nil` for requests of callers bound to no organization.
    let organizationID: String?
    let tally: UsageTally

    /// The columns a row is read from, in order: the day, key and organization, then the sums.
    static func columns(byOrganization: Bool) -> String {
        let sums = (["requests", "client_errors", "server_errors"] + UsageHistogram.columns).map { "CAST(SUM(\($0)) AS BIGINT)" }
        return (["day", byOrganization ? "''" : "api_key_id", "organization_id"] + sums).joined(separator: ", ")
    }

    /// Reads a row selected with `columns`.
    init(row: SQLRow) throws(RowDecodingError) {
        var reader = RowReader(row)
        day = Int(try reader.integer())
        let key = try reader.string()
        let organization = try reader.string()
        apiKeyID = key.isEmpty ? nil : key
        organizationID = organization.isEmpty ? nil : organization
        var tally = UsageTally()
        tally.requests = try reader.integer()
        tally.clientErrors = try reader.integer()
        tally.serverErrors = try reader.integer()
        for index in tally.buckets.indices { tally.buckets[index] = try reader.integer() }
        self.tally = tally
    }

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("day", CalendarDay.text(day))
        writer.member("api_key_id", idText: apiKeyID, .apiKey)
        writer.member("organization_id", idText: organizationID, .organization)
        writer.member("requests", tally.requests)
        writer.member("client_errors", tally.clientErrors)
        writer.member("server_errors", tally.serverErrors)
        writer.member("latency_ms", UsageLatency(buckets: tally.buckets))
        writer.endObject()
    }
}

/// The `UsageLatency` component: p50, p95 and p99 in milliseconds.
private struct UsageLatency: JSONWritable {
    let buckets: [Int64]

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("p50", UsageHistogram.quantile(0.5, of: buckets))
        writer.member("p95", UsageHistogram.quantile(0.95, of: buckets))
        writer.member("p99", UsageHistogram.quantile(0.99, of: buckets))
        writer.endObject()
    }
}
