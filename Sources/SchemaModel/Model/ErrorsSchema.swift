/// `errors` in `app.json`: the app's error vocabulary. Loom's error kinds (the codes its
/// runtime answers, such as `NOT_FOUND`) are mapped to the app's codes and statuses, the body
/// may follow a template instead of one of the `errorFormat` presets, and tables may answer
/// "forbidden" as "not found".
public struct ErrorsSchema: Codable, Sendable, Hashable {
    /// A custom error body (`nil`: the `errorFormat` preset).
    public var body: ErrorBodyTemplate?
    /// Loom's code → the app's code and status, sorted by Loom's code.
    public var codes: [CodeMapping]
    /// Tables answer 404 where the caller lacks the permission (403), hiding what exists; a
    /// table's own `forbiddenAsNotFound` wins.
    public var forbiddenAsNotFound: Bool

    /// Creates a vocabulary; the default maps nothing.
    public init(body: ErrorBodyTemplate? = nil, codes: [CodeMapping] = [], forbiddenAsNotFound: Bool = false) {
        self.body = body
        self.codes = codes
        self.forbiddenAsNotFound = forbiddenAsNotFound
    }

    /// One entry of `codes`: `"NOT_FOUND": "RESOURCE_NOT_FOUND"` or
    /// `"VALIDATION_ERROR": {"code": "INVALID", "status": 400}`.
    public struct CodeMapping: Codable, Sendable, Hashable {
        /// Loom's code.
        public var loomCode: String
        /// The app's code; `nil` keeps Loom's.
        public var code: String?
        /// The app's status; `nil` keeps Loom's.
        public var status: Int?

        /// Creates a mapping.
        public init(loomCode: String, code: String? = nil, status: Int? = nil) {
            self.loomCode = loomCode
            self.code = code
            self.status = status
        }
    }
}
