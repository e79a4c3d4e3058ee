/// The page sizes a contract family's list takes (`AuditContract`, `UsageContract`, the API key
/// list of `AuthContract`): the app's own `limits.defaultPageSize` and `limits.maxPageSize`, as
/// its table lists take them, so an app documents and serves one paging rule everywhere. The
/// webhook and platform families page by fixed sizes through the same value.
public struct ContractPageSize: Sendable, Hashable {
    /// Largest `offset` any contract list accepts.
    public static let maximumOffset = 1_000_000_000

    /// Page size when `limit` is absent.
    public let defaultLimit: Int
    /// Largest accepted `limit`.
    public let maximumLimit: Int

    /// Page sizes of `defaultLimit` rows, up to `maximumLimit`.
    public init(defaultLimit: Int, maximumLimit: Int) {
        self.defaultLimit = defaultLimit
        self.maximumLimit = maximumLimit
    }

    /// `limit` and `offset`, the query parameters of a page of `noun` (capitalized: "Rows",
    /// "Events", "Keys"); the one declaration every contract list's paging is read and
    /// documented from.
    public func parameters(_ noun: String) -> [ContractParameter] {
        [
            ContractParameter(
                "limit", in: .query, .integer(minimum: 1, maximum: maximumLimit),
                "\(noun) per page, 1 to \(maximumLimit) (default \(defaultLimit))."),
            ContractParameter(
                "offset", in: .query, .integer(minimum: 0, maximum: Self.maximumOffset), "\(noun) skipped (default 0)."),
        ]
    }
}
