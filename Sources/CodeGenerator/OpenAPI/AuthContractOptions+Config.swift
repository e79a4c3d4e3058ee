import APIContract
import SchemaModel

extension AuthContractOptions {
    /// The organization roles of an app that declares none, as `Runtime`'s
    /// `AuthSettings.defaultOrganizationRoles` names them (a server test compares the two).
    static let defaultOrganizationRoles = ["owner", "admin", "member"]

    /// The options of an app's `auth` section, as the generator reads it; the runtime builds the
    /// same value from the generated `AuthSettings`.
    public init(auth: AuthConfig, app: AppConfig) {
        self.init(
            passwordMinLength: auth.passwords.minLength, maxLoginFailures: auth.passwords.maxFailures,
            lockoutSeconds: auth.passwords.lockoutSeconds,
            organizationRoles: auth.organizationRoles?.map(\.name) ?? Self.defaultOrganizationRoles,
            apiKeys: auth.apiKeys.map {
                APIKeys(
                    environments: $0.prefixes.map(\.environment), maxRotationGraceSeconds: $0.maxRotationGraceSeconds,
                    manageScope: $0.manageScope, page: app.limits.contractPageSize)
            },
            oauth: auth.oauth.map {
                OAuth(providers: $0.providers.map(\.name), redirectAllowlist: $0.redirectAllowlist, stateSeconds: $0.stateSeconds)
            },
            platformAdmins: auth.platformAdmins.map {
                PlatformAdmins(
                    impersonationSeconds: $0.impersonationSeconds,
                    layout: ContractLayout(prefix: app.basePath + $0.path, routes: Self.overrides($0.routes), ids: ResourceIDs(config: auth.ids)))
            },
            layout: ContractLayout(
                prefix: app.basePath + auth.path, naming: app.jsonNaming, routes: Self.overrides(auth.routes), ids: ResourceIDs(config: auth.ids)),
            refreshTokensAreJWT: auth.tokens.refreshTokenFormat == .jwt,
            tokenResponseMembers: auth.tokens.responseMembers?.map(\.rawValue) ?? Self.allTokenResponseMembers,
            signupAnswersAccepted: auth.signup.answer == .accepted, roleSpelling: auth.roleSpelling,
            cookieMode: auth.cookies != nil)
        accountAdmin = auth.accountAdmin.map {
            AccountAdmin(manageScope: $0.manageScope, page: app.limits.contractPageSize, roles: auth.roles.map(\.name))
        }
    }

    /// The options of `app`'s `auth` section with what only the whole app tells: the scopes a
    /// key may hold (`DeclaredScopes`), as the generated `AuthSettings` carries them.
    public init(auth: AuthConfig, schema app: AppSchema) {
        self.init(auth: auth, app: app.config)
        apiKeys?.scopes = DeclaredScopes.of(app)
    }

    /// A schema's `routes` object in the contract's terms.
    public static func overrides(_ routes: [String: RouteOverrideSchema]) -> [String: ContractRouteOverride] {
        routes.mapValues { route in
            ContractRouteOverride(
                paths: route.paths, members: Dictionary(uniqueKeysWithValues: route.members.map { ($0.canonical, $0.name) }),
                method: route.method.flatMap(ContractMethod.init(rawValue:)), success: success(of: route))
        }
    }

    /// The override's `status` or `answer` (the validator refused other values in `answer`).
    static func success(of route: RouteOverrideSchema) -> ContractSuccessOverride? {
        if let status = route.status { return .status(status) }
        guard let answer = route.answer else { return nil }
        return .constant(answer.compactMap { member in
            switch member.value {
            case .bool(let value): return ContractConstant(member.name, .bool(value))
            case .integer(let value): return ContractConstant(member.name, .integer(Int(value)))
            case .string(let value): return ContractConstant(member.name, .string(value))
            default: return nil
            }
        })
    }
}

extension ResourceIDs {
    /// `auth.ids` of the schema (keys are `ResourceKind` raw values; the validator refused others).
    init(config: [String: String]) {
        self.init(prefixes: Dictionary(uniqueKeysWithValues: config.compactMap { key, prefix in ResourceKind(rawValue: key).map { ($0, prefix) } }))
    }
}
