/// `envelopes` in `app.json` and in a table file: how records, lists and write bodies are
/// wrapped on the wire. A table's `envelopes` replaces the app's `record`, `list` or `request`
/// object it declares; what neither declares takes the defaults (bare records, Loom's page).
public struct EnvelopesSchema: Codable, Sendable, Hashable {
    /// How one record is written.
    public var record: Record?
    /// How a page of records is written.
    public var list: List?
    /// How write bodies may be wrapped; `nil` here inherits, `.bare` switches wrapping off.
    public var request: Request?
    /// The batch route as a create-only batch in another API's shape; `nil` here inherits,
    /// and where neither declares it the batch route is Loom's (`{"operations": [...]}`).
    public var batch: Batch?
    /// `app.json` only: the route families that are not tables whose answers take the app's
    /// `record` and `list` envelopes too (`apiKeys`, `audit`, `usage`); empty: Loom's own answers.
    public var families: [String]

    /// The names `families` accepts.
    public static let familyNames = ["apiKeys", "audit", "usage"]

    /// Creates envelopes.
    public init(record: Record? = nil, list: List? = nil, request: Request? = nil, batch: Batch? = nil, families: [String] = []) {
        self.record = record
        self.list = list
        self.request = request
        self.batch = batch
        self.families = families
    }

    /// The envelopes a table uses: its own, else the app's, else the defaults.
    public static func effective(table: EnvelopesSchema, app: EnvelopesSchema) -> EnvelopesSchema {
        EnvelopesSchema(
            record: table.record ?? app.record ?? Record(), list: table.list ?? app.list ?? List(),
            request: table.request ?? app.request ?? .bare, batch: table.batch ?? app.batch)
    }

    /// `batch`: `POST <collection>/batch` creates records only, taking `{"<items>": [...]}`
    /// (each element a create body, in the request envelope) and answering 201
    /// `{"<created>": [...]}` (each record as lists write them), all or nothing.
    public struct Batch: Codable, Sendable, Hashable {
        /// The member holding the bodies of the records to create (`records`).
        public var items: String
        /// The member holding the created records in the answer (`created`).
        public var created: String

        /// Creates a batch envelope.
        public init(items: String, created: String) {
            self.items = items
            self.created = created
        }
    }

    /// `record`: `{"wrap": "data"}` answers `{"data": {...}}` for one record; `{"fields":
    /// "fields"}` nests the declared fields under that member, leaving the key and timestamps
    /// beside it (`{"id", "fields": {...}, "createdAt"}`).
    public struct Record: Codable, Sendable, Hashable {
        /// The member single-record answers are wrapped in; `nil`: the record is the body.
        public var wrap: String?
        /// The member the declared fields are nested under, in every record written; `nil`: flat.
        public var fields: String?

        /// Creates a record envelope; the default is a bare, flat record.
        public init(wrap: String? = nil, fields: String? = nil) {
            self.wrap = wrap
            self.fields = fields
        }
    }

    /// `list`: the member holding the records and the paging members written beside it or
    /// nested in one object.
    public struct List: Codable, Sendable, Hashable {
        /// The member holding the page's records (`items`, `data`, `records`).
        public var items: String
        /// The paging members written, in this order.
        public var metadata: [ListMetadata]
        /// The member the paging members are nested in (`pagination`); `nil`: beside `items`.
        public var nest: String?

        /// Creates a list envelope; the default is Loom's `{items, total, limit, offset, next_cursor}`.
        public init(items: String = "items", metadata: [ListMetadata] = ListMetadata.loomDefault, nest: String? = nil) {
            self.items = items
            self.metadata = metadata
            self.nest = nest
        }
    }

    /// `request`: write bodies (create, replace, update, upsert) sent as `{"<wrap>": {...}}`;
    /// with `optional` the bare form is accepted too.
    public struct Request: Codable, Sendable, Hashable {
        /// The wrapping member, `nil` for bare bodies.
        public var wrap: String?
        /// Whether a bare body is accepted as well.
        public var optional: Bool

        /// Creates a request envelope.
        public init(wrap: String?, optional: Bool = false) {
            self.wrap = wrap
            self.optional = optional
        }

        /// Bodies are the record's members (the default).
        public static let bare = Request(wrap: nil)
    }
}

/// A paging member of a list envelope, named in Loom's `snake_case` vocabulary (written in the
/// app's naming style: `total_pages` is `totalPages` in a `camelCase` app).
public enum ListMetadata: String, Codable, Sendable, CaseIterable, Hashable {
    /// Records matching the filters, across pages (`null` with `count=none`).
    case total
    /// The page size used.
    case limit
    /// Records skipped before the page.
    case offset
    /// The page number, from 1: `offset / limit + 1`.
    case page
    /// Pages in all at this page size (`null` with `count=none`).
    case totalPages = "total_pages"
    /// Whether records follow this page.
    case hasNextPage = "has_next_page"
    /// Whether records precede this page.
    case hasPreviousPage = "has_previous_page"
    /// The keyset cursor of the next page, `null` on the last.
    case nextCursor = "next_cursor"

    /// Loom's own page: `total`, `limit`, `offset`, `next_cursor`.
    public static let loomDefault: [ListMetadata] = [.total, .limit, .offset, .nextCursor]
}

extension TableSchema {
    /// The table's create-only batch envelope (`envelopes.batch`, its own else the app's), or
    /// `nil` when its batch route is Loom's.
    public func batchEnvelope(_ app: AppConfig) -> EnvelopesSchema.Batch? {
        envelopes.batch ?? app.envelopes.batch
    }
}
