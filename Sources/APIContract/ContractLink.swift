/// An OpenAPI link of a success answer: a member of the answer fills a parameter of another
/// operation (a session started here is ended at `DELETE .../sessions/{id}` with the answer's
/// `session_id`). Clients and test tools follow documented links instead of guessing which
/// member names which resource.
public struct ContractLink: Sendable, Hashable {
    /// The link's name in the document.
    public let name: String
    /// The `operationId` of the operation it leads to.
    public let operationID: String
    /// The path parameter it fills: its key as declared (`id`); once laid out
    /// (`ContractLayout.apply`), its name in the target's path (`sessionId`).
    public let parameter: String
    /// The top-level member of the answer's body that fills it: Loom's snake_case name as
    /// declared; once laid out, the app's spelling (`naming`).
    public let member: String

    /// Creates a link.
    public init(name: String, operationID: String, parameter: String, member: String) {
        self.name = name
        self.operationID = operationID
        self.parameter = parameter
        self.member = member
    }
}
