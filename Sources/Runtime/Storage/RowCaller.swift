/// The caller of one request as a table's statements see it: the identity and, for a table with
/// tenant or owner conditions, the binds of those conditions (resolved once per request).
struct RowCaller: Sendable {
    /// The authenticated caller, if any.
    let identity: Identity?
    /// Binds of the table's `RowAccess.condition`; empty when the table has none.
    let binds: [SQLValue]
    /// Values of the table's access columns on create; empty when the table has none.
    let insertValues: [SQLValue]

    /// A caller of a table without access conditions (no binds).
    static let unscoped = RowCaller(identity: nil, binds: [], insertValues: [])

    private init(identity: Identity?, binds: [SQLValue], insertValues: [SQLValue]) {
        self.identity = identity
        self.binds = binds
        self.insertValues = insertValues
    }

    /// Resolves the caller of a request to `table`, or 403 when the table's rows need a tenant
    /// binding (or user) the credentials lack.
    init(_ context: LoomRequestContext, table: TableDescriptor) throws(APIError) {
        identity = context.identity
        guard let access = table.access else {
            binds = []
            insertValues = []
            return
        }
        binds = try access.callerBinds(context.identity, table: table.name)
        insertValues = access.insertValues(context.identity)
    }
}
