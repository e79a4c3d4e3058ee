import APIContract

/// A single answer of a route family that is not a table (an API key), in the family's record
/// envelope (`FamilyEnvelopes.wrap`): `{"data": {...}}`, or the object itself.
public struct EnvelopedRecord<Value: JSONWritable>: JSONWritable {
    /// The family's envelopes.
    public let envelopes: FamilyEnvelopes
    /// The answer's object.
    public let value: Value

    /// Wraps `value` as `envelopes` say.
    public init(_ value: Value, in envelopes: FamilyEnvelopes) {
        self.value = value
        self.envelopes = envelopes
    }

    /// Writes the object, wrapped or not.
    public func writeJSON(to writer: inout JSONWriter) {
        guard let wrap = envelopes.wrap else { return value.writeJSON(to: &writer) }
        writer.beginObject()
        writer.key(wrap)
        value.writeJSON(to: &writer)
        writer.endObject()
    }
}

/// A list or an offset page of a route family that is not a table, in the family's list
/// envelope: the items under `FamilyEnvelopes.items`, and for a page the paging members the
/// envelope names, beside them or nested.
public struct EnvelopedList<Item: JSONWritable>: JSONWritable {
    /// Where a page lies among all matching items.
    public struct Page: Sendable {
        /// Items matching the filters.
        public let total: Int
        /// The page size used.
        public let limit: Int
        /// Items skipped before the page.
        public let offset: Int

        /// Creates a page position.
        public init(total: Int, limit: Int, offset: Int) {
            self.total = total
            self.limit = limit
            self.offset = offset
        }
    }

    /// The family's envelopes.
    public let envelopes: FamilyEnvelopes
    /// The items.
    public let items: [Item]
    /// The page's position; `nil` for an unpaged list (only the items are written).
    public let page: Page?

    /// A list (`page == nil`) or a page of `items`.
    public init(_ items: [Item], page: Page? = nil, in envelopes: FamilyEnvelopes) {
        self.items = items
        self.page = page
        self.envelopes = envelopes
    }

    /// Writes the list object.
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member(envelopes.items, items)
        if let page {
            if let nest = envelopes.nest {
                writer.key(nest)
                writer.beginObject()
            }
            for member in envelopes.members {
                writer.key(member.rawValue)
                Self.write(member, of: page, itemCount: items.count, to: &writer)
            }
            if envelopes.nest != nil { writer.endObject() }
        }
        writer.endObject()
    }

    private static func write(_ member: FamilyEnvelopes.PageMember, of page: Page, itemCount: Int, to writer: inout JSONWriter) {
        let limit = max(page.limit, 1)
        switch member {
        case .total: writer.value(page.total)
        case .limit: writer.value(page.limit)
        case .offset: writer.value(page.offset)
        case .page: writer.value(page.offset / limit + 1)
        case .totalPages: writer.value((page.total + limit - 1) / limit)
        case .hasNextPage: writer.value(page.offset + itemCount < page.total)
        case .hasPreviousPage: writer.value(page.offset > 0)
        case .nextCursor: writer.null()
        }
    }
}
