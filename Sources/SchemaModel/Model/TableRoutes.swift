/// Where each route of a table is served: the defaults (`basePath/<table>`, `.../{id}`,
/// `/batch`, `/upsert`, `/{id}/restore`) moved by the table's `path` and `routes`. The
/// validator, the OpenAPI builder and the translator all read the routes from here.
public struct TableRoutes: Sendable, Hashable {
    /// Each route the table has, with its paths (the first is the route's own, the rest aliases),
    /// in `TableRouteKey` order.
    public let paths: [(key: TableRouteKey, paths: [String])]

    /// The routes of `table` in an app whose generated routes live under `basePath`.
    public init(table: TableSchema, basePath: String) {
        let collection = table.path ?? basePath + "/" + table.name
        let item = collection + "/{id}"
        var result: [(key: TableRouteKey, paths: [String])] = []
        for key in TableRouteKey.allCases where Self.exists(key, in: table) {
            let defaults: String
            switch key {
            case .list, .create: defaults = collection
            case .get, .replace, .update, .delete: defaults = item
            case .batch: defaults = collection + "/batch"
            case .upsert: defaults = collection + "/upsert"
            case .restore: defaults = item + "/restore"
            }
            let paths = table.routes[key]?.paths ?? [defaults]
            if !paths.isEmpty { result.append((key, paths)) }
        }
        paths = result
    }

    /// The paths of `key`; empty when the table does not serve it.
    public subscript(key: TableRouteKey) -> [String] {
        paths.first { $0.key == key }?.paths ?? []
    }

    /// Whether the table would serve `key` without a `routes` entry switching it off.
    public static func exists(_ key: TableRouteKey, in table: TableSchema) -> Bool {
        let operations = Set(table.operations)
        switch key {
        case .list, .get, .create, .replace, .update, .delete:
            return key.operation.map(operations.contains) ?? false
        case .batch:
            return !operations.isDisjoint(with: [.create, .replace, .update, .delete])
        case .upsert:
            return table.upsertKey != nil && operations.contains(.create) && operations.contains(.replace)
        case .restore:
            return table.softDelete && operations.contains(.delete)
        }
    }

    /// The path `Location` headers and item links are built from: the record's `get` path, else
    /// the first item route's path.
    public var itemPath: String? {
        for key in [TableRouteKey.get, .replace, .update, .delete] {
            if let first = self[key].first { return first }
        }
        return nil
    }

    public static func == (lhs: TableRoutes, rhs: TableRoutes) -> Bool {
        lhs.paths.map(\.key) == rhs.paths.map(\.key) && lhs.paths.map(\.paths) == rhs.paths.map(\.paths)
    }

    public func hash(into hasher: inout Hasher) {
        for (key, paths) in paths {
            hasher.combine(key)
            hasher.combine(paths)
        }
    }
}
