/// The HTTP methods a Loom route family declares.
///
/// A plain enum rather than HTTPTypes' method so this target stays free of dependencies: the
/// generator (which must not depend on the server's HTTP stack) and the runtime both read it.
public enum ContractMethod: String, Sendable, Hashable, CaseIterable {
    case get = "GET"
    case post = "POST"
    case put = "PUT"
    case patch = "PATCH"
    case delete = "DELETE"
}
