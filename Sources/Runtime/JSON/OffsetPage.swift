/// One page of a list paged by `limit` and `offset`, as the platform lists and the audit list
/// answer it: `{"items": [...], "total": n, "limit": l, "offset": o}`.
public struct OffsetPage<Item: JSONWritable>: JSONWritable {
    /// The page's items.
    public let items: [Item]
    /// How many items match in all.
    public let total: Int
    /// The page size asked for.
    public let limit: Int
    /// How many matching items come before this page.
    public let offset: Int

    /// Creates a page.
    public init(items: [Item], total: Int, limit: Int, offset: Int) {
        self.items = items
        self.total = total
        self.limit = limit
        self.offset = offset
    }

    /// Writes the page object.
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("items", items)
        writer.member("total", total)
        writer.member("limit", limit)
        writer.member("offset", offset)
        writer.endObject()
    }
}
