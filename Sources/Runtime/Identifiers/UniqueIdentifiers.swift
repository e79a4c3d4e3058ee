/// Identifiers of rows a server writes at a high rate (webhook messages, deliveries, attempts),
/// which must be unique but need not be secret, made by the process-wide
/// `RequestIdentifierGenerator`:
/// - **time-ordered** (the shape of a version 7 UUID: Unix milliseconds first), so the primary
///   key index of a table taking thousands of rows a second grows at its end, one page per
///   batch, instead of dirtying a random page per insert (what a random UUID key costs SQLite
///   and PostgreSQL in writes and checkpoints);
/// - **cheap**: tens of nanoseconds, where `UUID()` reads the system's random source (about
///   7 µs on Linux) and its dash-less text went through Foundation's `NSString` replacing.
///
/// Not for anything a client must not guess (tokens, secrets, record keys whose value would
/// tell a caller about other records): those keep `UUID()` or a random byte source. Two
/// processes draw from sequences seeded apart by the system random source, and ids of
/// different milliseconds never meet.
public enum UniqueIdentifiers {
    /// A time-ordered UUID in lower-case text, `01933b0e-6f2a-7d41-883f-0016d3cca427`, made at
    /// `milliseconds` (Unix time).
    public static func timeOrdered(at milliseconds: Int64) -> String {
        RequestIdentifierGenerator.shared.nextTimeOrdered(milliseconds: milliseconds, dashes: true)
    }

    /// The same as 32 lower-case hex digits, `01933b0e6f2a7d41883f0016d3cca427`.
    public static func timeOrderedHex(at milliseconds: Int64) -> String {
        RequestIdentifierGenerator.shared.nextTimeOrdered(milliseconds: milliseconds, dashes: false)
    }
}
