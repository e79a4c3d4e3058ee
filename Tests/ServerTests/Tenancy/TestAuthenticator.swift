import HTTPTypes
import Hummingbird
import Runtime

/// Who a test request runs as. Organization-bound credentials are minted by the `Auth` module
/// (another branch); until then tests choose the `Identity` directly through `TestAuthenticator`.
enum TestCaller: Sendable, Hashable {
    /// A user bound to `organization` (and optionally a project) holding `scopes`.
    case organization(String, scopes: Set<String>, user: String = "user-1", project: String? = nil)
    /// A user holding `scopes` and bound to no organization.
    case unbound(scopes: Set<String>, user: String = "user-1")
    /// No test identity: the request carries only what the test put in its headers.
    case anonymous

    /// What the tracker tests run as unless they say otherwise: a user of organization
    /// `org-a` holding every scope.
    static let standard = TestCaller.organization("org-a", scopes: ["*"])

    /// The header value `TestAuthenticator` turns back into the identity; `nil` for `.anonymous`.
    var headerValue: String? {
        switch self {
        case .organization(let organization, let scopes, let user, let project):
            return ["org=\(organization)", "user=\(user)", "project=\(project ?? "")", "scopes=\(scopes.sorted().joined(separator: ","))"]
                .joined(separator: ";")
        case .unbound(let scopes, let user):
            return ["org=", "user=\(user)", "project=", "scopes=\(scopes.sorted().joined(separator: ","))"].joined(separator: ";")
        case .anonymous:
            return nil
        }
    }
}

/// A TEST-ONLY authenticator: a request carrying `X-Loom-Test-Identity` is the identity the
/// header describes; any other request goes to the real `Auth` service (or is anonymous).
struct TestAuthenticator: AuthenticationService {
    /// The header tests set (never honoured outside the test target).
    static let header = HTTPField.Name("X-Loom-Test-Identity")!

    /// The real service, when the app has an `auth` section.
    let base: (any AuthenticationService)?

    init(base: (any AuthenticationService)? = nil) { self.base = base }

    func authenticate(_ request: Request, context: LoomRequestContext) async -> AuthenticationOutcome {
        guard let value = request.headers[Self.header] else {
            return await base?.authenticate(request, context: context) ?? .anonymous
        }
        var fields: [String: String] = [:]
        for part in value.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            if pair.count == 2 { fields[String(pair[0])] = String(pair[1]) }
        }
        let nonEmpty = { (key: String) in fields[key].flatMap { $0.isEmpty ? nil : $0 } }
        let scopes = Set((fields["scopes"] ?? "").split(separator: ",").map(String.init))
        return .authenticated(Identity(
            subject: nonEmpty("user") ?? "test", kind: "user", scopes: scopes, userID: nonEmpty("user"),
            organizationID: nonEmpty("org"), projectID: nonEmpty("project")))
    }

    var credentialHeaders: [HTTPField.Name] { [Self.header] + (base?.credentialHeaders ?? []) }

    /// The real service's: a request with the test header goes through `authenticate`.
    var inlineCredentialHeaders: [HTTPField.Name] { base?.inlineCredentialHeaders ?? [] }

    func authenticateInline(_ credentials: InlineCredentials) -> Identity? {
        base?.authenticateInline(credentials)
    }

    func registerRoutes(in registry: inout RouteRegistry) {
        base?.registerRoutes(in: &registry)
    }
}
