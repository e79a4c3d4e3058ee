import APIContract
import Runtime

extension AuthContractOptions {
    /// The options of the generated `AuthSettings`, as the runtime reads them; the generator
    /// builds the same value from the schema, and a server test proves the two agree per app.
    public init(settings: AuthSettings) {
        self.init(
            passwordMinLength: settings.passwords.minLength, maxLoginFailures: settings.passwords.maxFailures,
            lockoutSeconds: settings.passwords.lockoutSeconds, organizationRoles: settings.organizationRoles.map(\.name),
            apiKeys: settings.apiKeys.map {
                APIKeys(
                    environments: $0.prefixes.map(\.environment), maxRotationGraceSeconds: $0.maxRotationGraceSeconds,
                    manageScope: $0.manageScope, page: $0.pageLimits.contractPageSize, scopes: $0.scopes)
            },
            oauth: settings.oauth.map {
                OAuth(providers: $0.providers.map(\.name), redirectAllowlist: $0.redirectAllowlist, stateSeconds: $0.stateSeconds)
            },
            platformAdmins: settings.platformAdmins.map {
                PlatformAdmins(
                    impersonationSeconds: $0.impersonationSeconds,
                    layout: ContractLayout(prefix: $0.routePrefix, routes: $0.routes, ids: settings.ids))
            },
            layout: ContractLayout(prefix: settings.routePrefix, naming: settings.naming, routes: settings.routes, ids: settings.ids),
            refreshTokensAreJWT: settings.refreshTokensAreJWT, tokenResponseMembers: settings.tokenResponseMembers,
            signupAnswersAccepted: settings.signupAnswersAccepted, roleSpelling: settings.roleSpelling,
            cookieMode: settings.cookies != nil)
        accountAdmin = settings.accountAdmin.map {
            AccountAdmin(manageScope: $0.manageScope, page: $0.pageLimits.contractPageSize, roles: settings.roles.map(\.name))
        }
    }
}
