/// The page sizes a contract family's list takes (`AuditContract`, `UsageContract`): the app's
/// own `limits.defaultPageSize` and `limits.maxPageSize`, as its table lists take them, so an app
/// documents and serves one paging rule everywhere.
public struct ContractPageSize: Sendable, Equatable {
    /// Page size when `limit` is absent.
    public let defaultLimit: Int
    /// Largest accepted `limit`.
    public let maximumLimit: Int

    /// Page sizes of `defaultLimit` rows, up to `maximumLimit`.
    public init(defaultLimit: Int, maximumLimit: Int) {
        self.defaultLimit = defaultLimit
        self.maximumLimit = maximumLimit
    }
}
