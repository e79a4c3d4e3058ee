/// One route of a family: how it is called, what it takes and what it answers.
///
/// The runtime registers exactly the routes of a family (mapping each operation to its
/// handler) and the OpenAPI builder documents exactly the same list, so a route and its
/// description cannot drift apart.
public struct ContractRoute<Operation: ContractOperation>: Sendable {
    /// The operation (its raw value is the `operationId`).
    public let operation: Operation
    /// HTTP method.
    public let method: ContractMethod
    /// Path with `{name}` parameters (`/sessions/{id}`): relative to the family's prefix as
    /// declared, complete once laid out (`ContractLayout`).
    public let path: String
    /// Further paths answering the same (legacy aliases), complete.
    public let aliases: [String]
    /// The names the runtime reads the path parameters by, in path order (those of the
    /// declared path, whatever a laid-out path calls them).
    public let pathParameterKeys: [String]
    /// One-line summary.
    public let summary: String
    /// What the route does, its rules and when it answers which error.
    public let description: String
    /// The JSON body, if it takes one.
    public let request: ContractBody?
    /// Whether the body may be left out (then it takes the defaults).
    public let requestOptional: Bool
    /// The non-error answers.
    public let responses: [ContractResponse]
    /// What calling it needs.
    public let credentials: ContractCredentials
    /// Every error answer, those its credentials and body imply included.
    public let errors: Set<ContractError>
    /// Path and query parameters.
    public let parameters: [ContractParameter]
    /// The success answer the app gives instead of the operation's own (`responses` already
    /// describe it); the runtime rewrites the handler's answer accordingly.
    public let success: ContractSuccessOverride?

    /// Creates a route. `errors` lists the route's own error answers; those its credentials and
    /// body imply (401/403, 400/413/415) and `implied` are added.
    public init(
        _ operation: Operation, _ method: ContractMethod, _ path: String, summary: String, description: String,
        request: ContractBody? = nil, requestOptional: Bool = false, responses: [ContractResponse],
        credentials: ContractCredentials, errors: Set<ContractError> = [], implied: Set<ContractError> = [],
        parameters: [ContractParameter] = []
    ) {
        self.operation = operation
        self.method = method
        self.path = path
        self.aliases = []
        self.pathParameterKeys = path.templateParameters
        self.summary = summary
        self.description = description
        self.request = request
        self.requestOptional = requestOptional
        self.responses = responses
        self.credentials = credentials
        self.errors = errors.union(implied).union(credentials.errors).union(request == nil ? [] : ContractError.bodyErrors)
        self.parameters = parameters
        self.success = nil
    }

    /// The names of the `{name}` segments of `path`, in order.
    public var pathParameterNames: [String] { path.templateParameters }

    /// `route` served with `method` at `path` and `aliases`, with `request` and `parameters` instead of its own.
    init(
        copying route: ContractRoute, method: ContractMethod, path: String, aliases: [String], request: ContractBody?,
        parameters: [ContractParameter], responses: [ContractResponse]? = nil, success: ContractSuccessOverride? = nil
    ) {
        self.operation = route.operation
        self.method = method
        self.path = path
        self.aliases = aliases
        self.pathParameterKeys = route.pathParameterKeys
        self.summary = route.summary
        self.description = route.description
        self.request = request
        self.requestOptional = route.requestOptional
        self.responses = responses ?? route.responses
        self.credentials = route.credentials
        self.errors = route.errors
        self.parameters = parameters
        self.success = success ?? route.success
    }
}

extension String {
    /// The names of the `{name}` segments of this path template, in order.
    public var templateParameters: [String] {
        split(separator: "/").compactMap { segment in
            segment.hasPrefix("{") && segment.hasSuffix("}") ? String(segment.dropFirst().dropLast()) : nil
        }
    }
}
