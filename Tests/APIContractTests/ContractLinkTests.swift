import APIContract
import Testing

/// Token answers link their session to the operations that end and extend it, spelled as the
/// app lays the routes out; a link never names an operation the app switched off.
@Suite("Answer links")
struct ContractLinkTests {
    static func options(naming: JSONNaming = .snakeCase, routes: [String: ContractRouteOverride] = [:]) -> AuthContractOptions {
        AuthContractOptions(
            passwordMinLength: 8, maxLoginFailures: 5, lockoutSeconds: 900, organizationRoles: ["owner", "member"],
            apiKeys: nil, oauth: nil, platformAdmins: nil, layout: ContractLayout(prefix: "/v1/auth", naming: naming, routes: routes))
    }

    static func links(of operation: AuthOperation, in options: AuthContractOptions) -> [ContractLink] {
        AuthContract(options: options).routes.first { $0.operation == operation }?.responses.flatMap(\.links) ?? []
    }

    @Test("login, sign-up, refresh and new sessions link session_id to revoke and extend")
    func tokenAnswersLinkTheirSession() {
        for operation in [AuthOperation.login, .signup, .refresh, .createSession] {
            let links = Self.links(of: operation, in: Self.options())
            #expect(links.map(\.operationID).sorted() == [AuthOperation.extendSession.rawValue, AuthOperation.revokeSession.rawValue])
            #expect(links.allSatisfy { $0.fills == [ContractLink.Fill(parameter: "id", member: "session_id")] })
        }
    }

    @Test("a moved route's parameter name and the app's naming are what the link says")
    func spelledAsLaidOut() {
        let moved = ContractRouteOverride(paths: ["/sessions/{sessionId}"])
        let links = Self.links(of: .createSession, in: Self.options(naming: .camelCase, routes: ["revokeSession": moved, "extendSession": moved]))
        #expect(links.count == 2)
        #expect(links.allSatisfy { $0.fills == [ContractLink.Fill(parameter: "sessionId", member: "sessionId")] })
    }

    @Test("a switched-off target leaves its link out")
    func switchedOffTarget() {
        let links = Self.links(of: .login, in: Self.options(routes: ["revokeSession": ContractRouteOverride(paths: [])]))
        #expect(links.map(\.operationID) == [AuthOperation.extendSession.rawValue])
    }
}
