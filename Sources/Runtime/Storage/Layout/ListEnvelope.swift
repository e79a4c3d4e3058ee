/// How a page of records is answered (`envelopes.list`): the member holding the records and the
/// paging members, beside it or nested in one object, with the names already spelled in the
/// app's style by the generator.
public struct ListEnvelope: Sendable {
    /// A paging member.
    public enum Member: Sendable {
        /// Matching records across pages (`null` with `count=none`).
        case total
        /// The page size.
        case limit
        /// Records skipped.
        case offset
        /// `offset / limit + 1`; `null` for a page reached with a cursor.
        case page
        /// `ceil(total / limit)`; `null` with `count=none`.
        case totalPages
        /// Whether records follow.
        case hasNextPage
        /// Whether records precede.
        case hasPreviousPage
        /// The cursor of the next page, `null` on the last.
        case nextCursor
    }

    /// The member holding the records.
    public let items: String
    /// The paging members and their JSON names, in order.
    public let members: [(member: Member, name: String)]
    /// The member the paging members are nested in, or `nil`.
    public let nest: String?

    /// Creates an envelope.
    public init(items: String, members: [(Member, String)], nest: String? = nil) {
        self.items = items
        self.members = members.map { (member: $0.0, name: $0.1) }
        self.nest = nest
    }

    /// Loom's page: `{items, total, limit, offset, next_cursor}`.
    public static let loom = ListEnvelope(
        items: "items", members: [(.total, "total"), (.limit, "limit"), (.offset, "offset"), (.nextCursor, "next_cursor")])
}
