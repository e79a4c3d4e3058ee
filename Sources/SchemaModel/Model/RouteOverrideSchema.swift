/// One entry of a `routes` object (of a table, of `app.json`, of `auth` or of
/// `auth.platformAdmins`): where an operation is served, or that it is not served at all.
///
/// Written as `false` (switched off), `"/path"`, `["/path", "/legacy/path"]` (the first is the
/// operation's path, the others are aliases answering the same) or
/// `{"path": "/path", "aliases": [...], "members": {"email": "ownerEmail"}, "method": "PUT",
/// "status": 200, "answer": {"success": true}}`. Every path is a
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
    /// `status`: the status of the operation's success answer instead of its own (200, 201 or
    /// 202; only operations answering with a body). Auth, platform and system operations only.
    public var status: Int?
    /// `answer`: an object of constants (booleans, integers, strings) an operation answering
    /// 204 answers with 200 instead (`{"success": true}`). Auth, platform and system operations only.
    public var answer: [AnswerMember]?

    /// Creates an override.
    public init(paths: [String], members: [RenamedMember] = [], method: String? = nil, status: Int? = nil, answer: [AnswerMember]? = nil) {
        self.paths = paths
        self.members = members
        self.method = method
        self.status = status
        self.answer = answer
    }

    /// A member of `answer`, in declaration order.
    public struct AnswerMember: Codable, Sendable, Hashable {
        /// The member's name, as written.
        public var name: String
        /// Its value: a boolean, an integer or a string.
        public var value: JSONValue

        /// Creates a member.
        public init(name: String, value: JSONValue) {
            self.name = name
            self.value = value
        }
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
