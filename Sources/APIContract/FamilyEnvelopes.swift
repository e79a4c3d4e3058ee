/// How the answers of route families that are not tables (API keys, the audit trail, usage
/// statistics) are wrapped, when the app asks for it (`envelopes.families` in `app.json`): the
/// app's record envelope around single answers, its list envelope around lists and pages.
///
/// The runtime writes the families' answers through this value and the OpenAPI builder
/// describes them from it, so what is served and what is documented cannot drift apart.
public struct FamilyEnvelopes: Sendable, Hashable {
    /// A route family whose answers can take the app's envelopes.
    public enum Family: String, Sendable, Hashable, CaseIterable {
        /// `auth.apiKeys`: the key routes (`/api-keys`, or where `auth.routes` moves them).
        case apiKeys
        /// `audit`: `GET <base>/audit`.
        case audit
        /// `usage`: `GET <base><usage.path>`.
        case usage
    }

    /// A paging member of a page, in Loom's `snake_case` names (spelled in the app's style when written).
    public enum PageMember: String, Sendable, Hashable, CaseIterable {
        /// Items matching the filters, across pages.
        case total
        /// The page size used.
        case limit
        /// Items skipped before the page.
        case offset
        /// `offset / limit + 1`.
        case page
        /// `ceil(total / limit)`.
        case totalPages = "total_pages"
        /// Whether items follow this page.
        case hasNextPage = "has_next_page"
        /// Whether items precede this page.
        case hasPreviousPage = "has_previous_page"
        /// Always `null`: these families page by offset only.
        case nextCursor = "next_cursor"
    }

    /// The member single answers are wrapped in (`data`); `nil`: the answer is the object itself.
    public var wrap: String?
    /// The member holding a list's or page's items.
    public var items: String
    /// The paging members a page writes, in order (an unpaged list, such as the API keys, writes none).
    public var members: [PageMember]
    /// The member the paging members are nested in; `nil`: beside `items`.
    public var nest: String?
    /// The families answering in these envelopes.
    public var families: Set<Family>

    /// Creates the envelopes of `families`.
    public init(wrap: String?, items: String, members: [PageMember], nest: String? = nil, families: Set<Family>) {
        self.wrap = wrap
        self.items = items
        self.members = members
        self.nest = nest
        self.families = families
    }

    /// Loom's own answers: bare objects, `{"items": [...]}` lists and `{items, total, limit, offset}` pages.
    public static let loom = FamilyEnvelopes(wrap: nil, items: "items", members: [.total, .limit, .offset], families: [])

    /// The envelopes `family` answers in: these when it is one of `families`, else Loom's own.
    public func of(_ family: Family) -> FamilyEnvelopes {
        families.contains(family) ? self : .loom
    }
}
