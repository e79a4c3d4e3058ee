/// Checks the `auth` section of `app.json`: lifetimes, costs and limits in range, roles and
/// their scopes well-formed, the default role declared, key prefixes unambiguous, and no table
/// or endpoint on a name or path the `Auth` module reserves.
enum AuthRules {
    /// Table actions a `<table>:<action>` scope may name.
    static let tableActions: Set<String> = ["read", "write", "delete", "*"]
    /// Longest access-token lifetime accepted (one day): access tokens are meant to be short-lived.
    static let maximumAccessTokenSeconds = 86_400
    /// Longest `auth.tokens.maxSessionSeconds`: a year.
    static let maximumSessionSeconds = 31_536_000

    /// Runs the auth rules on `app` (nothing when it has no `auth` section).
    static func check(_ app: AppSchema, diagnostics: DiagnosticCollector) {
        guard let auth = app.config.auth else { return }
        let report = Reporter(file: app.config.file, diagnostics: diagnostics)
        if !AppRules.isValidBasePath(auth.path) {
            report.setting("auth.path", "auth path \"\(auth.path)\" must look like \"/auth\": segments of a-z, 0-9, _ and -, each after a \"/\"")
        }
        checkTokens(auth.tokens, report: report)
        checkPasswords(auth.passwords, report: report)
        checkRoles(auth, tables: Set(app.tables.map(\.name)), report: report)
        checkImpliedScopes(auth, tables: Set(app.tables.map(\.name)), report: report)
        checkOrganizationRoles(auth, tables: Set(app.tables.map(\.name)), report: report)
        if let apiKeys = auth.apiKeys {
            checkAPIKeys(apiKeys, report: report)
            checkManageScope(apiKeys, auth: auth, tables: Set(app.tables.map(\.name)), report: report)
        }
        if let accountAdmin = auth.accountAdmin {
            checkGrantedScope(
                accountAdmin.manageScope, path: "auth.accountAdmin.manageScope", what: "no account could reach the account administration routes",
                auth: auth, tables: Set(app.tables.map(\.name)), report: report)
        }
        checkOAuthAndMail(auth, report: report)
        if let platform = auth.platformAdmins { checkPlatformAdmins(platform, auth: auth, report: report) }
        checkReservations(app, auth: auth, diagnostics: diagnostics)
        checkIDs(auth.ids, report: report)
        if let name = auth.cookies?.accessName { checkCookieName(name, report: report) }
        if auth.signup.answer == .accepted, auth.routes["verifyEmail"]?.isOff == true {
            report.setting(
                "auth.signup.answer",
                "\"accepted\" mails a verification token that the verifyEmail route redeems, but auth.routes.verifyEmail is false; "
                    + "serve verifyEmail or answer \"tokens\"")
        }
    }

    /// Reports into one file.
    struct Reporter {
        let file: String
        let diagnostics: DiagnosticCollector
        func setting(_ path: String, _ message: String) {
            diagnostics.error(.invalidAuthSetting, file: file, path: path, message)
        }
    }

    /// A cookie name browsers and servers agree on (an RFC 6265 token, kept to letters, digits,
    /// `-` and `_`) that is not one of the other two session cookies.
    private static func checkCookieName(_ name: String, report: Reporter) {
        let allowed = name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_" }
        if name.isEmpty || name.count > 64 || !allowed {
            report.setting("auth.cookies.accessName", "cookie name \(ValueText.quoted(name)) must be 1 to 64 letters, digits, - or _, such as \"jwt\"")
        } else if ["loom_refresh", "loom_csrf"].contains(name) {
            report.setting("auth.cookies.accessName", "\(ValueText.quoted(name)) is the name of another session cookie; choose another, such as \"jwt\"")
        }
    }

    /// Each prefix well-formed (like a `prefixed` table key's) and no two resources sharing one.
    private static func checkIDs(_ ids: [String: String], report: Reporter) {
        var owners: [String: String] = [:]
        for (resource, prefix) in ids.sorted(by: { $0.key < $1.key }) {
            if !TableLayoutRules.isValidPrefix(prefix) {
                report.setting(
                    "auth.ids.\(resource)",
                    "prefix \(ValueText.quoted(prefix)) must be 1 to 16 lowercase letters or digits followed by \"_\", such as \"usr_\"")
            } else if let other = owners[prefix] {
                report.setting("auth.ids.\(resource)", "prefix \(ValueText.quoted(prefix)) is also the prefix of \(other) ids; give each resource its own")
            }
            owners[prefix] = owners[prefix] ?? resource
        }
    }

    private static func checkTokens(_ tokens: AuthTokensConfig, report: Reporter) {
        if TextRules.isBlank(tokens.issuer) {
            report.setting("auth.tokens.issuer", "\"issuer\" is empty; name who issues the tokens, e.g. \"https://api.example.com\"")
        }
        if TextRules.isBlank(tokens.audience) {
            report.setting("auth.tokens.audience", "\"audience\" is empty; name the API the tokens are for, e.g. \"tracker-api\"")
        }
        if !isEnvironmentVariableName(tokens.secretVariable) {
            report.setting(
                "auth.tokens.secretVariable",
                "\"secretVariable\" must name an environment variable (A-Z, 0-9 and _, not starting with a digit), "
                    + "e.g. \"TRACKER_JWT_SECRET\"; the secret itself never goes in a schema file")
        }
        if tokens.accessTokenSeconds < 30 || tokens.accessTokenSeconds > maximumAccessTokenSeconds {
            report.setting(
                "auth.tokens.accessTokenSeconds",
                "\"accessTokenSeconds\" must be between 30 and \(maximumAccessTokenSeconds), found \(tokens.accessTokenSeconds)")
        }
        if tokens.refreshTokenSeconds < tokens.accessTokenSeconds {
            report.setting(
                "auth.tokens.refreshTokenSeconds",
                "\"refreshTokenSeconds\" (\(tokens.refreshTokenSeconds)) must be at least \"accessTokenSeconds\" (\(tokens.accessTokenSeconds))")
        }
        if let maxSession = tokens.maxSessionSeconds, maxSession < tokens.refreshTokenSeconds || maxSession > maximumSessionSeconds {
            report.setting(
                "auth.tokens.maxSessionSeconds",
                "\"maxSessionSeconds\" must be between \"refreshTokenSeconds\" (\(tokens.refreshTokenSeconds)) and \(maximumSessionSeconds) "
                    + "(a year), found \(maxSession); remove it to keep sessions at \"refreshTokenSeconds\"")
        }
    }

    private static func checkPasswords(_ passwords: AuthPasswordsConfig, report: Reporter) {
        if passwords.minLength < 1 || passwords.minLength > 72 {
            report.setting(
                "auth.passwords.minLength",
                "\"minLength\" must be between 1 and 72 (bcrypt reads at most 72 bytes), found \(passwords.minLength)")
        }
        if passwords.hashCost < 4 || passwords.hashCost > 31 {
            report.setting("auth.passwords.hashCost", "\"hashCost\" must be a bcrypt cost between 4 and 31, found \(passwords.hashCost)")
        }
        if passwords.maxFailures < 1 {
            report.setting("auth.passwords.maxFailures", "\"maxFailures\" must be at least 1, found \(passwords.maxFailures)")
        }
        if passwords.lockoutSeconds < 1 {
            report.setting("auth.passwords.lockoutSeconds", "\"lockoutSeconds\" must be at least 1, found \(passwords.lockoutSeconds)")
        }
    }

    private static func checkRoles(_ auth: AuthConfig, tables: Set<String>, report: Reporter) {
        if auth.roles.isEmpty {
            report.setting("auth.roles", "\"roles\" declares no role; add one, e.g. {\"member\": [\"tasks:read\"]}")
        }
        for role in auth.roles {
            let path = JSONPath.member(role.name, of: "auth.roles")
            NameRules.check(role.name, what: "role name", file: report.file, path: path, diagnostics: report.diagnostics)
            for (index, scope) in role.scopes.enumerated() {
                if let problem = scopeProblem(scope, tables: tables) {
                    report.diagnostics.error(.invalidScope, file: report.file, path: JSONPath.element(index, of: path), problem)
                }
            }
        }
        if !auth.roles.isEmpty, !auth.roles.contains(where: { $0.name == auth.defaultRole }) {
            report.diagnostics.error(
                .unknownRole, file: report.file, path: "auth.defaultRole",
                "\"defaultRole\" \"\(auth.defaultRole)\" is not a role; use one of \(auth.roles.map(\.name).joined(separator: ", "))")
        }
        if let endUserRole = auth.endUserRole, !auth.roles.isEmpty, !auth.roles.contains(where: { $0.name == endUserRole }) {
            report.diagnostics.error(
                .unknownRole, file: report.file, path: "auth.endUserRole",
                "\"endUserRole\" \"\(endUserRole)\" is not a role; use one of \(auth.roles.map(\.name).joined(separator: ", "))")
        }
    }

    /// `impliedScopes`: every scope named (key and values) is a valid scope, and a key is not `*`
    /// (which already grants everything).
    private static func checkImpliedScopes(_ auth: AuthConfig, tables: Set<String>, report: Reporter) {
        for implied in auth.impliedScopes {
            let path = JSONPath.member(implied.name, of: "auth.impliedScopes")
            if implied.name == "*" {
                report.diagnostics.error(.invalidScope, file: report.file, path: path, "\"*\" grants every scope already; name another scope")
            } else if let problem = scopeProblem(implied.name, tables: tables) {
                report.diagnostics.error(.invalidScope, file: report.file, path: path, problem)
            }
            for (index, scope) in implied.scopes.enumerated() {
                if let problem = scopeProblem(scope, tables: tables) {
                    report.diagnostics.error(.invalidScope, file: report.file, path: JSONPath.element(index, of: path), problem)
                }
            }
        }
    }

    /// Why `scope` is not acceptable, or `nil`.
    static func scopeProblem(_ scope: String, tables: Set<String>) -> String? {
        if scope == "*" { return nil }
        let parts = scope.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count <= 2, parts.allSatisfy({ NameRules.isValid($0) || $0 == "*" }), NameRules.isValid(parts[0]) else {
            return "scope \"\(scope)\" must be \"*\", \"<table>:read|write|delete|*\" or a snake_case word with an "
                + "optional \":action\", e.g. \"moderation\" or \"audit:export\" (a word that is not a table name)"
        }
        if parts.count == 2, tables.contains(parts[0]), !tableActions.contains(parts[1]) {
            return "scope \"\(scope)\" names table \"\(parts[0])\"; its action must be read, write, delete or *"
        }
        return nil
    }

    private static func checkAPIKeys(_ apiKeys: AuthAPIKeysConfig, report: Reporter) {
        if apiKeys.prefixes.isEmpty {
            report.setting("auth.apiKeys.prefixes", "\"prefixes\" is empty; map each environment to a key prefix, e.g. {\"live\": \"sk_live_\"}")
        }
        for entry in apiKeys.prefixes {
            let path = JSONPath.member(entry.environment, of: "auth.apiKeys.prefixes")
            if !NameRules.isUpperSnakeCase(entry.environment) {
                NameRules.check(entry.environment, what: "environment name", file: report.file, path: path, diagnostics: report.diagnostics)
            }
            if !isKeyPrefix(entry.prefix) {
                report.setting(path, "key prefix \"\(entry.prefix)\" must be 2 to 16 characters of a-z, 0-9 and _, start with a letter and end with \"_\", e.g. \"sk_live_\"")
            }
            for other in apiKeys.prefixes where other.environment != entry.environment && entry.prefix.hasPrefix(other.prefix) {
                report.setting(path, "key prefix \"\(entry.prefix)\" starts with the prefix \"\(other.prefix)\" of \"\(other.environment)\"; prefixes must not start with one another")
            }
        }
        if apiKeys.maxRotationGraceSeconds < 0 {
            report.setting("auth.apiKeys.maxRotationGraceSeconds", "\"maxRotationGraceSeconds\" must be 0 or more, found \(apiKeys.maxRotationGraceSeconds)")
        }
    }

    /// `apiKeys.manageScope` is a valid scope that some role grants (else no key could hold it).
    private static func checkManageScope(_ apiKeys: AuthAPIKeysConfig, auth: AuthConfig, tables: Set<String>, report: Reporter) {
        guard let scope = apiKeys.manageScope else { return }
        checkGrantedScope(scope, path: "auth.apiKeys.manageScope", what: "no API key could hold it", auth: auth, tables: tables, report: report)
    }

    /// `scope`, named at `path`, is a valid scope that some role grants (else `what`).
    private static func checkGrantedScope(_ scope: String, path: String, what: String, auth: AuthConfig, tables: Set<String>, report: Reporter) {
        if let problem = scopeProblem(scope, tables: tables) {
            report.diagnostics.error(.invalidScope, file: report.file, path: path, problem)
            return
        }
        let granted = auth.roles.contains { role in
            var scopes = Set(role.scopes)
            for implied in auth.impliedScopes where grants(scopes, implied.name) { scopes.formUnion(implied.scopes) }
            return grants(scopes, scope)
        }
        if !auth.roles.isEmpty, !granted {
            report.diagnostics.error(
                .invalidScope, file: report.file, path: path,
                "no role in auth.roles grants the scope \"\(scope)\", so \(what); grant it to a role (e.g. \"admin\": [\"*\"]) or name a scope a role grants")
        }
    }

    /// Whether `scopes` grant `scope` as the runtime decides it: `*`, the scope itself, or `<word>:*`.
    private static func grants(_ scopes: Set<String>, _ scope: String) -> Bool {
        if scopes.contains("*") || scopes.contains(scope) { return true }
        guard let colon = scope.firstIndex(of: ":") else { return false }
        return scopes.contains(String(scope[..<colon]) + ":*")
    }

    /// `auth_` tables would collide with the module's own; the auth path must not shadow a route.
    private static func checkReservations(_ app: AppSchema, auth: AuthConfig, diagnostics: DiagnosticCollector) {
        for table in app.tables where table.name.hasPrefix("auth_") {
            diagnostics.error(
                .reservedByAuth, file: table.file, path: "name",
                "table name \"\(table.name)\" starts with \"auth_\", which the Auth module reserves for its own tables; rename the table")
        }
        let authSegment = auth.path.split(separator: "/").first.map(String.init) ?? ""
        for table in app.tables where table.name == authSegment {
            diagnostics.error(
                .reservedByAuth, file: table.file, path: "name",
                "table \"\(table.name)\" would serve /\(table.name), where the auth routes live (auth.path \"\(auth.path)\"); rename the table or change auth.path")
        }
        for endpoint in app.endpoints where endpoint.path == auth.path || endpoint.path.hasPrefix(auth.path + "/") {
            diagnostics.error(
                .reservedByAuth, file: endpoint.file, path: "path",
                "endpoint path \"\(endpoint.path)\" lies under the auth routes (auth.path \"\(auth.path)\"); move the endpoint")
        }
    }

    static func isEnvironmentVariableName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    private static func isKeyPrefix(_ prefix: String) -> Bool {
        guard prefix.count >= 2, prefix.count <= 16, prefix.hasSuffix("_"),
            let first = prefix.unicodeScalars.first, ("a"..."z").contains(first)
        else { return false }
        return prefix.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}
