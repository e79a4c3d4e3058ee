import APIContract
import Testing

/// The route families declare every operation their enums name (so a handler, which an
/// exhaustive switch gives every case, never serves an undeclared route), each once, and select
/// routes by the app's options.
@Suite("Route families")
struct RouteFamilyTests {
    static let everything: AuthContractOptions = {
        var options = everythingButAccountAdmin
        options.accountAdmin = .init(manageScope: "users:manage", page: ContractPageSize(defaultLimit: 20, maximumLimit: 100), roles: ["admin", "member"])
        return options
    }()

    static let everythingButAccountAdmin = AuthContractOptions(
        passwordMinLength: 8, maxLoginFailures: 5, lockoutSeconds: 900, organizationRoles: ["owner", "admin", "member"],
        apiKeys: .init(environments: ["live", "test"], maxRotationGraceSeconds: 3600),
        oauth: .init(providers: ["github"], redirectAllowlist: [], stateSeconds: 600),
        platformAdmins: .init(impersonationSeconds: 900),
        layout: ContractLayout(prefix: "", routes: [
            "joinOrganization": ContractRouteOverride(paths: ["/organizations/{id}/invitations/join"]),
            "register": ContractRouteOverride(paths: ["/register", "/legacy/register"]),
            "csrfToken": ContractRouteOverride(paths: ["/csrf-token"]),
            "exchangeAPIKey": ContractRouteOverride(paths: ["/apikey"]),
            "currentSession": ContractRouteOverride(paths: ["/session"]),
        ]),
        cookieMode: true)

    static let nothingOptional = AuthContractOptions(
        passwordMinLength: 8, maxLoginFailures: 5, lockoutSeconds: 900, organizationRoles: ["owner", "admin", "member"],
        apiKeys: nil, oauth: nil, platformAdmins: nil)

    @Test("with every option on, each family declares each of its operations exactly once")
    func everyOperationDeclared() {
        let auth = AuthContract(options: Self.everything).routes.map(\.operation)
        #expect(auth.sorted { $0.rawValue < $1.rawValue } == AuthOperation.allCases.sorted { $0.rawValue < $1.rawValue })
        let platform = PlatformContract(options: Self.everything).routes.map(\.operation)
        #expect(platform.sorted { $0.rawValue < $1.rawValue } == PlatformOperation.allCases.sorted { $0.rawValue < $1.rawValue })
        #expect(SystemContract.routes.map(\.operation).sorted { $0.rawValue < $1.rawValue }
            == SystemOperation.allCases.sorted { $0.rawValue < $1.rawValue })
    }

    @Test("no method and path is declared twice in a family")
    func uniqueRoutes() {
        let auth = AuthContract(options: Self.everything).routes.map { "\($0.method) \($0.path)" }
        #expect(Set(auth).count == auth.count)
        let platform = PlatformContract(options: Self.everything).routes.map { "\($0.method) \($0.path)" }
        #expect(Set(platform).count == platform.count)
    }

    @Test("keys, OAuth and platform admins select their routes")
    func optionsSelectRoutes() {
        let operations = Set(AuthContract(options: Self.nothingOptional).routes.map(\.operation))
        for absent: AuthOperation in [
            .listAPIKeys, .createAPIKey, .replaceAPIKey, .revokeAPIKey, .rotateAPIKey, .listProjectKeys, .rotateProjectKey, .oauthStart, .oauthCallback,
            .joinOrganization, .register, .csrfToken, .exchangeAPIKey,
        ] {
            #expect(!operations.contains(absent), "\(absent) needs an option")
        }
        #expect(operations.contains(.signup) && operations.contains(.createProject))
        #expect(PlatformContract(options: Self.nothingOptional).routes.isEmpty)
    }

    @Test("register takes the person's members only, in its own body, at every path it is declared at; signup keeps the organization's")
    func registerBody() throws {
        let routes = AuthContract(options: Self.everything).routes
        let register = try #require(routes.first { $0.operation == .register })
        #expect(register.allPaths == ["/register", "/legacy/register"] && register.method == .post)
        #expect(register.request?.name == "AuthRegisterRequest")
        #expect(register.request?.fields.map(\.key) == ["email", "password", "name"])
        #expect(register.credentials == .optionalProjectKey)
        let signup = try #require(routes.first { $0.operation == .signup })
        #expect(signup.request?.declares("organization_name") == true && register.request?.declares("organization_name") == false)
        let oauthStart = try #require(routes.first { $0.operation == .oauthStart })
        #expect(oauthStart.credentials == .optionalProjectKey && oauthStart.errors.contains(.unauthorized), "a project's key binds the sign-in")
    }

    @Test("a route's errors include what its body and credentials imply; its path parameters are declared")
    func impliedErrors() {
        for route in AuthContract(options: Self.everything).routes {
            if route.request != nil { #expect(route.errors.isSuperset(of: ContractError.bodyErrors), "\(route.operation)") }
            if route.credentials == .userToken { #expect(route.errors.isSuperset(of: [.unauthorized, .forbidden]), "\(route.operation)") }
            #expect(route.errors.isSuperset(of: ContractError.serverErrors), "\(route.operation)")
            let declared = route.parameters.filter { $0.location == .path }.map(\.name)
            #expect(declared == route.pathParameterNames, "\(route.operation)")
        }
        for route in PlatformContract(options: Self.everything).routes {
            let declared = route.parameters.filter { $0.location == .path }.map(\.name)
            #expect(declared == route.pathParameterNames, "\(route.operation)")
        }
    }

    @Test("body members are unique and described; body names are unique per declaration")
    func bodies() {
        let bodies = AuthContract(options: Self.everything).routes.compactMap(\.request)
            + PlatformContract(options: Self.everything).routes.compactMap(\.request)
        var byName: [String: ContractBody] = [:]
        for body in bodies {
            let names = body.fields.map(\.name)
            #expect(Set(names).count == names.count, "\(body.name)")
            #expect(body.fields.allSatisfy { !$0.description.isEmpty }, "\(body.name)")
            if let earlier = byName[body.name] { #expect(earlier == body, "\(body.name) is declared twice, differently") }
            byName[body.name] = body
        }
    }

    @Test("grace seconds are bounded by the app's maximum; enumerations list the app's values")
    func constraintsFollowOptions() {
        let bodies = AuthRequestBodies(options: Self.everything)
        #expect(bodies.rotateAPIKey.fields.first?.maximum == 3600)
        #expect(bodies.createAPIKey.fields.first { $0.name == "environment" }?.kind == .enumeration(["live", "test"]))
        #expect(bodies.changeMemberRole.fields.first?.kind == .enumeration(["owner", "admin", "member"]))
    }
    @Test("the audit and usage lists page by the app's own page sizes (limits.defaultPageSize, maxPageSize), not fixed ones")
    func contractPagesTakeTheAppsSizes() throws {
        for (defaultLimit, maximumLimit) in [(20, 100), (7, 33)] {
            let page = ContractPageSize(defaultLimit: defaultLimit, maximumLimit: maximumLimit)
            let lists = [
                AuditContract.routes(page: page).first { $0.operation == .listAuditEvents }?.parameters,
                UsageContract(path: "/usage", page: page).routes.first { $0.operation == .listUsage }?.parameters,
            ]
            for parameters in lists {
                let limit = try #require(parameters?.first { $0.name == "limit" })
                #expect(limit.kind == .integer(minimum: 1, maximum: maximumLimit))
                #expect(limit.description.contains("1 to \(maximumLimit) (default \(defaultLimit))"), "\(limit.description)")
            }
        }
    }
}
