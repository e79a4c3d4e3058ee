/// The operations of a table whose routes a table's `routes` object may move, alias or (for
/// the routes every table gets without asking: batch, upsert, restore) switch off.
public enum TableRouteKey: String, Codable, Sendable, CaseIterable, Hashable {
    case list, get, create, replace, update, delete, batch, upsert, restore

    /// The CRUD operation of the same name, `nil` for batch, upsert and restore.
    public var operation: TableOperation? { TableOperation(rawValue: rawValue) }

    /// The route of a CRUD operation.
    public init(_ operation: TableOperation) {
        switch operation {
        case .list: self = .list
        case .get: self = .get
        case .create: self = .create
        case .replace: self = .replace
        case .update: self = .update
        case .delete: self = .delete
        }
    }

    /// Whether the route addresses one record (its path holds `{id}`).
    public var addressesRecord: Bool {
        switch self {
        case .get, .replace, .update, .delete, .restore: return true
        case .list, .create, .batch, .upsert: return false
        }
    }
}
