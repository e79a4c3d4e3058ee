import APIContract
import SchemaModel

/// Writes an app's `auth` section as the arguments of `Runtime`'s `AuthSettings(...)`, one
/// argument per line, in a fixed order so regenerating gives identical output.
enum AuthTranslator {
    /// Indentation of continuation lines inside the generated initializer call.
    static let indent = "        "

    /// The argument lines; the template adds the commas.
    static func arguments(for auth: AuthConfig, app: AppConfig, scopes: [String] = []) -> [ListItem] {
        let basePath = app.basePath
        let tokens = auth.tokens
        let passwords = auth.passwords
        var lines = [
            "routePrefix: \(SwiftNames.literal(basePath + auth.path))",
            "issuer: \(SwiftNames.literal(tokens.issuer))",
            "audience: \(SwiftNames.literal(tokens.audience))",
            "secretVariable: \(SwiftNames.literal(tokens.secretVariable))",
            "accessTokenSeconds: \(tokens.accessTokenSeconds)",
            "refreshTokenSeconds: \(tokens.refreshTokenSeconds)",
        ]
        if let maxSession = tokens.maxSessionSeconds { lines.append("maxSessionSeconds: \(maxSession)") }
        lines += [
            "passwords: .init(minLength: \(passwords.minLength), hashCost: \(passwords.hashCost), "
                + "maxFailures: \(passwords.maxFailures), lockoutSeconds: \(passwords.lockoutSeconds))",
            roles(auth.roles, label: "roles"),
            "defaultRole: \(SwiftNames.literal(auth.defaultRole))",
        ]
        lines.append("apiKeys: " + (auth.apiKeys.map { apiKeys($0, limits: app.limits, scopes: scopes) } ?? "nil"))
        if let endUserRole = auth.endUserRole {
            lines.append("endUserRole: \(SwiftNames.literal(endUserRole))")
        }
        if let cookies = auth.cookies {
            let name = cookies.accessName == AuthCookiesConfig.defaultAccessName ? "" : ", accessName: \(SwiftNames.literal(cookies.accessName))"
            lines.append("cookies: .init(sameSite: \(SwiftNames.literal(cookies.sameSite.rawValue)), secure: \(cookies.secure)\(name))")
        }
        if let organizationRoles = auth.organizationRoles {
            lines.append(roles(organizationRoles, label: "organizationRoles"))
        }
        lines.append(contentsOf: oauthAndMailArguments(for: auth, indent: indent))
        if let platform = auth.platformAdmins {
            let routes = platform.routes.isEmpty ? "" : ", routes: " + SettingsTranslator.routeOverrides(platform.routes)
            lines.append(
                "platformAdmins: .init(routePrefix: \(SwiftNames.literal(basePath + platform.path)), "
                    + "accessTokenSeconds: \(platform.accessTokenSeconds), refreshTokenSeconds: \(platform.refreshTokenSeconds), "
                    + "impersonationSeconds: \(platform.impersonationSeconds)\(routes))")
        }
        lines.append(contentsOf: layoutArguments(for: auth, app: app))
        return lines.listItems { $0 }
    }

    /// `naming`, `routes`, `apiKeyHeader`, and the token answer members,
    /// each only where it differs from the default.
    private static func layoutArguments(for auth: AuthConfig, app: AppConfig) -> [String] {
        var lines: [String] = []
        if app.naming != .snakeCase { lines.append("naming: .\(app.jsonNaming)") }
        if !auth.routes.isEmpty { lines.append("routes: " + SettingsTranslator.routeOverrides(auth.routes)) }
        if app.headers.apiKey != HeaderNamesSchema().apiKey { lines.append("apiKeyHeader: \(SwiftNames.literal(app.headers.apiKey))") }
        if auth.tokens.refreshTokenFormat == .jwt { lines.append("refreshTokensAreJWT: true") }
        if let members = auth.tokens.responseMembers {
            lines.append("tokenResponseMembers: [" + members.map { SwiftNames.literal($0.rawValue) }.joined(separator: ", ") + "]")
        }
        if auth.signup.answer == .accepted { lines.append("signupAnswersAccepted: true") }
        if !auth.ids.isEmpty { lines.append("ids: " + resourceIDs(auth.ids)) }
        if auth.roleSpelling != .snakeCase { lines.append("roleSpelling: .\(auth.roleSpelling)") }
        if !auth.impliedScopes.isEmpty { lines.append(impliedScopes(auth.impliedScopes)) }
        if let admin = auth.accountAdmin {
            lines.append(
                "accountAdmin: .init(manageScope: \(SwiftNames.literal(admin.manageScope)), "
                    + "pageLimits: PageLimits(defaultSize: \(app.limits.defaultPageSize), maximumSize: \(app.limits.maxPageSize)))")
        }
        return lines
    }

    /// `ResourceIDs(prefixes: [.user: "usr_", ...])`, resources in declaration order.
    static func resourceIDs(_ ids: [String: String]) -> String {
        let entries = ResourceKind.allCases.compactMap { kind in ids[kind.rawValue].map { ".\(kind): \(SwiftNames.literal($0))" } }
        return "ResourceIDs(prefixes: [" + entries.joined(separator: ", ") + "])"
    }

    /// `impliedScopes: ["admin": ["*"]]`, in declaration order.
    private static func impliedScopes(_ implied: [AuthRoleConfig]) -> String {
        let entries = implied.map { scope in
            SwiftNames.literal(scope.name) + ": [" + scope.scopes.map(SwiftNames.literal).joined(separator: ", ") + "]"
        }
        return "impliedScopes: [" + entries.joined(separator: ", ") + "]"
    }

    private static func roles(_ roles: [AuthRoleConfig], label: String) -> String {
        var text = label + ": ["
        for role in roles {
            let scopes = role.scopes.map(SwiftNames.literal).joined(separator: ", ")
            text += "\n" + indent + "    .init(name: \(SwiftNames.literal(role.name)), scopes: [\(scopes)]),"
        }
        return text + "\n" + indent + "]"
    }

    private static func apiKeys(_ apiKeys: AuthAPIKeysConfig, limits: LimitsSchema, scopes: [String]) -> String {
        var text = ".init(\n" + indent + "    prefixes: ["
        for entry in apiKeys.prefixes {
            text += "\n" + indent + "        .init(environment: \(SwiftNames.literal(entry.environment)), prefix: \(SwiftNames.literal(entry.prefix))),"
        }
        text += "\n" + indent + "    ],"
        text += "\n" + indent + "    acceptBearer: \(apiKeys.acceptBearer),"
        text += "\n" + indent + "    maxRotationGraceSeconds: \(apiKeys.maxRotationGraceSeconds)"
        if let scope = apiKeys.manageScope { text += ",\n" + indent + "    manageScope: \(SwiftNames.literal(scope))" }
        text += ",\n" + indent + "    pageLimits: PageLimits(defaultSize: \(limits.defaultPageSize), maximumSize: \(limits.maxPageSize))"
        if !scopes.isEmpty { text += ",\n" + indent + "    scopes: [" + scopes.map(SwiftNames.literal).joined(separator: ", ") + "]" }
        return text + "\n" + indent + ")"
    }
}
