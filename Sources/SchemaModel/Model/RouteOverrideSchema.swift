/// One entry of a `routes` object (of a table, of `app.json`, of `auth` or of
/// `auth.platformAdmins`): where an operation is served, or that it is not served at all.
///
/// Written as `false` (switched off), `"/path"`, `["/path", "/legacy/path"]` (the first is the
/// operation's path, the others are aliases answering the same) or
/// `{"path": "/path", "aliases": [...], "members": {"email": "ownerEmail"}}`. Every path is a
/// complete URL path: it does not get the app's `basePath`, because reproducing an API means
/// copying its paths as they are.
public struct RouteOverrideSchema: Codable, Sendable, Hashable {
    /// The operation's path first, then its aliases; empty when the operation is switched off.
    public var paths: [String]
    /// Request body member renames of auth and platform operations: Loom's name (`email`) →
    /// the name clients send (`ownerEmail`). Sorted by Loom's name.
    public var members: [RenamedMember]
    /// The HTTP method clients use instead of the operation's own (`PUT` for an update Loom
    /// serves as `PATCH`), upper case; `nil`: the operation's own. Only auth and platform
    /// operations taking a body may change it, among `POST`, `PUT` and `PATCH`.
    public var method: String?

    /// Creates an override.
    public init(paths: [String], members: [RenamedMember] = [], method: String? = nil) {
        self.paths = paths
        self.members = members
        self.method = method
    }

    /// Whether the operation is switched off.
    public var isOff: Bool { paths.isEmpty }

    /// A body member served under another name.
    public struct RenamedMember: Codable, Sendable, Hashable {
        /// The member's name in Loom's vocabulary (`organization_name`).
        public var canonical: String
        /// The JSON name clients use (`name`).
        public var name: String

        /// Creates a rename.
        public init(canonical: String, name: String) {
            self.canonical = canonical
            self.name = name
        }
    }
}
