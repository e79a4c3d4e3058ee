/// The caller of one request as a table's statements see it: the identity and, for a table with
/// tenant or owner conditions, the values of those conditions (resolved once per request).
struct RowCaller: Sendable {
    /// The authenticated caller, if any.
    let identity: Identity?
    /// Binds of the table's `RowAccess.condition`, for statements the runtime composes (lists,
    /// key checks); empty when the table has none.
    let binds: [SQLValue]
    /// The `BindSlot.organization` value: the caller's organization, or NULL.
    let organization: SQLValue
    /// The `BindSlot.project` value: the caller's project, or NULL.
    let project: SQLValue
    /// The `BindSlot.owner` value: the caller's user, or NULL.
    let owner: SQLValue
    /// The `BindSlot.ownerExempt` value: whether the caller holds the owner rule's exception scope.
    let ownerExempt: SQLValue

    /// A caller of a table without access conditions (no binds).
    static let unscoped = RowCaller(identity: nil, access: nil)

    /// The caller `identity` of a table with `access`, without checking that the identity has
    /// what the table needs (missing values bind NULL, which matches no row).
    init(identity: Identity?, access: RowAccess?) {
        self.identity = identity
        binds = access?.binds(identity) ?? []
        organization = access?.organizationValue(identity) ?? identity?.organizationID.map(SQLValue.text) ?? .null
        project = identity?.projectID.map(SQLValue.text) ?? .null
        owner = identity?.userID.map(SQLValue.text) ?? .null
        ownerExempt = .bool(access?.ownerExceptScope.map { identity?.holds($0) ?? false } ?? false)
    }

    /// Resolves the caller of a request to `table`, or 403 when the table's rows need a tenant
    /// binding (or user) the credentials lack.
    init(_ identity: Identity?, table: TableDescriptor) throws(APIError) {
        if let access = table.access { try access.requireCaller(identity, table: table.name) }
        self.init(identity: identity, access: table.access)
    }

    /// `init(_:table:)` for the caller of a request.
    init(_ context: LoomRequestContext, table: TableDescriptor) throws(APIError) {
        try self.init(context.identity, table: table)
    }
}
