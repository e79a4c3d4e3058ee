/// An OpenAPI link of a success answer: members of the answer fill the path parameters of
/// another operation (a session started here is ended at `DELETE .../sessions/{id}` with the
/// answer's `session_id`; a created project is read at `GET .../organizations/{id}/projects/{project_id}`
/// with its `organization_id` and `id`). Clients and test tools follow documented links instead
/// of guessing which member names which resource.
public struct ContractLink: Sendable, Hashable {
    /// One path parameter of the target and the answer's member that fills it.
    public struct Fill: Sendable, Hashable {
        /// The path parameter: its key as declared (`id`); once laid out (`ContractLayout.apply`),
        /// its name in the target's path (`sessionId`).
        public let parameter: String
        /// The top-level member of the answer's body (inside the answer's envelope, if any) that
        /// fills it: Loom's snake_case name as declared; once laid out, the app's spelling.
        public let member: String

        /// Creates a fill.
        public init(parameter: String, member: String) {
            self.parameter = parameter
            self.member = member
        }
    }

    /// The link's name in the document.
    public let name: String
    /// The `operationId` of the operation it leads to.
    public let operationID: String
    /// The target's path parameters and the members filling them, in the target's order.
    public let fills: [Fill]

    /// Creates a link filling `fills`.
    public init(name: String, operationID: String, fills: [Fill]) {
        self.name = name
        self.operationID = operationID
        self.fills = fills
    }

    /// Creates a link filling one parameter.
    public init(name: String, operationID: String, parameter: String, member: String) {
        self.init(name: name, operationID: operationID, fills: [Fill(parameter: parameter, member: member)])
    }
}
