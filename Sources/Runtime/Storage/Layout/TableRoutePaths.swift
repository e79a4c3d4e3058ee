/// A route of a generated table.
public enum TableRoute: String, Sendable, Hashable, CaseIterable {
    case list, get, create, replace, update, delete, batch, upsert, restore
}

/// Where a table's routes are served (`path` and `routes` of its schema, decided by the
/// generator): per route its path and aliases. A route the generator gave no paths is served
/// at its default under the collection path; an empty list switches it off.
public struct TableRoutePaths: Sendable {
    /// The collection path (`/v1/tasks`).
    public let collection: String
    private let declared: [TableRoute: [String]]

    /// Creates the paths of a table whose collection is at `collection`; `declared` lists the
    /// routes served elsewhere (or nowhere).
    public init(collection: String, _ declared: [TableRoute: [String]] = [:]) {
        self.collection = collection
        self.declared = declared
    }

    /// The path of `route` first, then its aliases; empty when the route is switched off.
    public func paths(_ route: TableRoute) -> [String] {
        if let paths = declared[route] { return paths }
        switch route {
        case .list, .create: return [collection]
        case .get, .replace, .update, .delete: return [collection + "/{id}"]
        case .batch: return [collection + "/batch"]
        case .upsert: return [collection + "/upsert"]
        case .restore: return [collection + "/{id}/restore"]
        }
    }

    /// The item path `Location` headers point at, split around `{id}`: the `get` path, else the
    /// first item route's, else `<collection>/{id}`.
    public var location: (prefix: String, suffix: String) {
        let item = [TableRoute.get, .replace, .update, .delete].lazy.compactMap { self.paths($0).first }.first ?? collection + "/{id}"
        guard let range = item.range(of: "{id}") else { return (item + "/", "") }
        return (String(item[..<range.lowerBound]), String(item[range.upperBound...]))
    }
}
