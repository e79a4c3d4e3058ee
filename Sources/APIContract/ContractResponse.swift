/// A non-error answer of a route: its status, body and meaning.
public struct ContractResponse: Sendable, Hashable {
    /// What the body holds.
    public enum Body: Sendable, Hashable {
        /// No body.
        case empty
        /// JSON described by the schema component of this name.
        case json(String)
        /// Any JSON object (the OpenAPI document itself).
        case anyJSONObject
        /// An HTML page.
        case html
        /// A static file of this media type (`text/html`, `text/javascript`, `text/css`), with an
        /// `ETag` header: a request whose `If-None-Match` names it is answered 304.
        case asset(String)
        /// A redirect: no body, a `Location` header.
        case redirect
        /// A JSON object of constants (`ContractSuccessOverride.constant`).
        case constant([ContractConstant])
    }

    /// The HTTP status.
    public let status: Int
    /// The body.
    public let body: Body
    /// When the route answers this, for the document.
    public let description: String
    /// Operations a member of this answer leads to.
    public let links: [ContractLink]

    /// Creates a response.
    public init(_ status: Int, _ body: Body, _ description: String, links: [ContractLink] = []) {
        self.status = status
        self.body = body
        self.description = description
        self.links = links
    }

    /// This answer with a link to each of `operations` (operation ids), their path parameter
    /// `parameter` filled with the answer's member `member`: a created resource's own reads and
    /// writes, for clients and stateful testers. A link whose target the app does not serve is
    /// dropped when the routes are laid out (`ContractLayout.apply`).
    public func linking(_ operations: [String], parameter: String = "id", member: String = "id") -> ContractResponse {
        linking(operations, fills: [ContractLink.Fill(parameter: parameter, member: member)])
    }

    /// This answer with a link to each of `operations`, their path parameters filled as `fills`
    /// say (a record nested under another names both: `id` from `organization_id`, `project_id`
    /// from `id`).
    public func linking(_ operations: [String], fills: [ContractLink.Fill]) -> ContractResponse {
        ContractResponse(status, body, description, links: links + operations.map { ContractLink(name: $0, operationID: $0, fills: fills) })
    }
}
