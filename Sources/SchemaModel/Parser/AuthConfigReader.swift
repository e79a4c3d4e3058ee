import ValueFormats

/// Reads the `auth` section of `app.json` into an `AuthConfig`.
///
/// Absent optional keys take the `AuthConfig` defaults; problems go to the diagnostics and
/// placeholders stand in for bad values (the parser returns no schemas when any error was reported).
enum AuthConfigReader {
    /// Reads `auth` from the app object, or returns `nil` when it is not an object.
    static func read(_ app: ObjectReader) -> AuthConfig? {
        guard let reader = app.object("auth", keys: SchemaKeys.auth) else { return nil }
        let passwords = readPasswords(reader) ?? AuthPasswordsConfig()
        let defaults = AuthConfig(tokens: placeholderTokens, roles: [], defaultRole: "")
        var config = AuthConfig(
            path: reader.string("path") ?? defaults.path,
            tokens: readTokens(reader) ?? placeholderTokens,
            passwords: passwords,
            roles: readRoles(reader),
            defaultRole: reader.string("defaultRole") ?? "",
            apiKeys: reader.contains("apiKeys") ? readAPIKeys(reader) : nil,
            cookies: reader.contains("cookies") ? readCookies(reader) : nil,
            organizationRoles: reader.contains("organizationRoles") ? readRoles(reader, key: "organizationRoles") : nil,
            platformAdmins: reader.contains("platformAdmins") ? readPlatformAdmins(reader) : nil)
        config.endUserRole = reader.string("endUserRole")
        config.impliedScopes = reader.contains("impliedScopes") ? readRoles(reader, key: "impliedScopes") : []
        config.oauth = reader.contains("oauth") ? readOAuth(reader) : nil
        config.mail = reader.contains("mail") ? readMail(reader) : nil
        config.routes = Dictionary(RouteOverrideReader.readMap(reader), uniquingKeysWith: { first, _ in first })
        if reader.contains("ids"), let ids = reader.object("ids", keys: SchemaKeys.authIDs) {
            for key in SchemaKeys.authIDs.accepted {
                if let prefix = ids.string(key) { config.ids[key] = prefix }
            }
        }
        if reader.contains("signup"), let signup = reader.object("signup", keys: SchemaKeys.authSignup) {
            config.signup = AuthSignupConfig(answer: signup.choice("answer", named: "sign-up answer") ?? .tokens)
        }
        config.roleSpelling = reader.choice("roleSpelling", named: "role spelling") ?? .snakeCase
        if reader.contains("accountAdmin"), let admin = reader.object("accountAdmin", keys: SchemaKeys.authAccountAdmin) {
            config.accountAdmin = AuthAccountAdminConfig(manageScope: admin.string("manageScope") ?? "")
        }
        return config
    }

    private static func readCookies(_ auth: ObjectReader) -> AuthCookiesConfig? {
        guard let reader = auth.object("cookies", keys: SchemaKeys.authCookies) else { return nil }
        let defaults = AuthCookiesConfig()
        return AuthCookiesConfig(
            sameSite: reader.choice("sameSite", named: "SameSite value") ?? defaults.sameSite,
            secure: reader.bool("secure") ?? defaults.secure, accessName: reader.string("accessName") ?? defaults.accessName)
    }

    /// Stands in for an unreadable `tokens` object; never escapes because an error was reported.
    private static let placeholderTokens = AuthTokensConfig(issuer: "", audience: "", secretVariable: "")

    private static func readTokens(_ auth: ObjectReader) -> AuthTokensConfig? {
        guard let reader = auth.object("tokens", keys: SchemaKeys.authTokens) else { return nil }
        let defaults = placeholderTokens
        var tokens = AuthTokensConfig(
            issuer: reader.string("issuer") ?? "",
            audience: reader.string("audience") ?? "",
            secretVariable: reader.string("secretVariable") ?? "",
            accessTokenSeconds: reader.integer("accessTokenSeconds") ?? defaults.accessTokenSeconds,
            refreshTokenSeconds: reader.integer("refreshTokenSeconds") ?? defaults.refreshTokenSeconds)
        tokens.refreshTokenFormat = reader.choice("refreshTokenFormat", named: "refresh token format") ?? .opaque
        tokens.maxSessionSeconds = reader.integer("maxSessionSeconds")
        if let elements = reader.array("responseMembers") {
            let path = reader.path(of: "responseMembers")
            tokens.responseMembers = elements.enumerated().compactMap { index, element in
                reader.values.choice(element, at: JSONPath.element(index, of: path), named: "token response member")
            }
        }
        return tokens
    }

    private static func readPasswords(_ auth: ObjectReader) -> AuthPasswordsConfig? {
        guard let reader = auth.object("passwords", keys: SchemaKeys.authPasswords) else { return nil }
        let defaults = AuthPasswordsConfig()
        return AuthPasswordsConfig(
            minLength: reader.integer("minLength") ?? defaults.minLength,
            hashCost: reader.integer("hashCost") ?? defaults.hashCost,
            maxFailures: reader.integer("maxFailures") ?? defaults.maxFailures,
            lockoutSeconds: reader.integer("lockoutSeconds") ?? defaults.lockoutSeconds)
    }

    /// `{"admin": ["*"], ...}` under `key` in declaration order; each value must be an array of strings.
    private static func readRoles(_ auth: ObjectReader, key: String = "roles") -> [AuthRoleConfig] {
        guard let members = auth.members(key) else { return [] }
        let path = auth.path(of: key)
        return members.compactMap { member in
            guard let scopes = auth.values.stringArray(member.value, at: JSONPath.member(member.key, of: path)) else {
                return nil
            }
            return AuthRoleConfig(name: member.key, scopes: scopes)
        }
    }

    private static func readAPIKeys(_ auth: ObjectReader) -> AuthAPIKeysConfig? {
        guard let reader = auth.object("apiKeys", keys: SchemaKeys.authAPIKeys) else { return nil }
        let defaults = AuthAPIKeysConfig(prefixes: [])
        var prefixes: [AuthKeyPrefixConfig] = []
        if let members = reader.members("prefixes") {
            let path = reader.path(of: "prefixes")
            for member in members {
                if let prefix = reader.values.string(member.value, at: JSONPath.member(member.key, of: path)) {
                    prefixes.append(AuthKeyPrefixConfig(environment: member.key, prefix: prefix))
                }
            }
        }
        return AuthAPIKeysConfig(
            prefixes: prefixes,
            acceptBearer: reader.bool("acceptBearer") ?? defaults.acceptBearer,
            maxRotationGraceSeconds: reader.integer("maxRotationGraceSeconds") ?? defaults.maxRotationGraceSeconds,
            manageScope: reader.string("manageScope"))
    }
}
