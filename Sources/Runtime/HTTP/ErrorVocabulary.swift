import HTTPTypes

/// An app's error vocabulary (`errors.codes` in `app.json`): Loom's codes answered as the app's
/// codes and statuses. Built once at start-up; applying it is one dictionary look-up, and only
/// when an error is answered.
public struct ErrorVocabulary: Sendable {
    /// What one Loom code becomes.
    public struct Mapping: Sendable {
        /// The app's code, `nil` to keep Loom's.
        public let code: String?
        /// The app's status, `nil` to keep Loom's.
        public let status: Int?

        /// Creates a mapping.
        public init(code: String? = nil, status: Int? = nil) {
            self.code = code
            self.status = status
        }
    }

    private let mappings: [String: Mapping]

    /// Creates a vocabulary from Loom's code → mapping.
    public init(_ mappings: [String: Mapping] = [:]) {
        self.mappings = mappings
    }

    /// Loom's own codes and statuses.
    public static let loom = ErrorVocabulary()

    /// `error` as the app answers it.
    public func apply(_ error: APIError) -> APIError {
        guard let mapping = mappings[error.code] else { return error }
        var mapped = error
        if let code = mapping.code { mapped.code = code }
        if let status = mapping.status { mapped.status = HTTPResponse.Status(code: status) }
        return mapped
    }

    /// The status `code` (a Loom code) is answered with, given Loom's `status`.
    public func status(of code: String, loomStatus: Int) -> Int { mappings[code]?.status ?? loomStatus }
}
