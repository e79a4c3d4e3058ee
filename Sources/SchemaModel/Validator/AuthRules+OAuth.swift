/// Checks `auth.oauth` and `auth.mail`.
extension AuthRules {
    /// Shortest and longest `stateSeconds`: long enough to sign in at the provider, short enough that a leaked state dies soon.
    static let stateSecondsRange = 60...3600

    /// Runs the OAuth and mail rules.
    static func checkOAuthAndMail(_ auth: AuthConfig, report: Reporter) {
        if let oauth = auth.oauth { checkOAuth(oauth, report: report) }
        if let mail = auth.mail { checkMail(mail, report: report) }
    }

    private static func checkOAuth(_ oauth: AuthOAuthConfig, report: Reporter) {
        if urlProblem(oauth.publicURL, allowPath: false) != nil {
            report.setting(
                "auth.oauth.publicURL",
                "\"publicURL\" must be the http(s) origin clients reach the server at, without a path, e.g. \"https://api.example.com\"")
        }
        for (index, target) in oauth.redirectAllowlist.enumerated() where urlProblem(target, allowPath: true) != nil {
            report.setting(
                "auth.oauth.redirectAllowlist[\(index)]",
                "\"\(target)\" must be an absolute http(s) URL without a fragment, e.g. \"https://app.example.com/signed-in\"")
        }
        if !stateSecondsRange.contains(oauth.stateSeconds) {
            report.setting(
                "auth.oauth.stateSeconds",
                "\"stateSeconds\" must be between \(stateSecondsRange.lowerBound) and \(stateSecondsRange.upperBound), found \(oauth.stateSeconds)")
        }
        if oauth.providers.isEmpty {
            report.setting("auth.oauth.providers", "\"providers\" is empty; declare one, e.g. {\"github\": {\"clientIdVariable\": ..., \"clientSecretVariable\": ...}}")
        }
        for provider in oauth.providers { checkProvider(provider, report: report) }
    }

    private static func checkProvider(_ provider: AuthOAuthProviderConfig, report: Reporter) {
        let path = JSONPath.member(provider.name, of: "auth.oauth.providers")
        NameRules.check(provider.name, what: "provider name", file: report.file, path: path, diagnostics: report.diagnostics)
        for (key, value) in [("clientIdVariable", provider.clientIdVariable), ("clientSecretVariable", provider.clientSecretVariable)]
        where !isEnvironmentVariableName(value) {
            report.setting(
                JSONPath.member(key, of: path),
                "\"\(key)\" must name an environment variable (A-Z, 0-9 and _), e.g. \"GITHUB_CLIENT_ID\"; credentials never go in a schema file")
        }
        let endpoints = [("authorizeURL", provider.authorizeURL), ("tokenURL", provider.tokenURL), ("userInfoURL", provider.userInfoURL)]
        let declared = endpoints.filter { $0.1 != nil }.count
        if declared != 3, declared > 0 || !AuthOAuthProviderConfig.presets.contains(provider.name) {
            report.setting(
                path,
                "provider \"\(provider.name)\" must declare authorizeURL, tokenURL and userInfoURL"
                    + " (only \(AuthOAuthProviderConfig.presets.sorted().joined(separator: " and ")) have built-in endpoints)")
        }
        for (key, value) in endpoints + [("emailsURL", provider.emailsURL)] {
            guard let value else { continue }
            if let problem = urlProblem(value, allowPath: true) ?? plainHTTPProblem(value) {
                report.setting(JSONPath.member(key, of: path), "\"\(key)\" \(problem)")
            }
        }
        for (index, scope) in (provider.scopes ?? []).enumerated()
        where scope.isEmpty || scope.unicodeScalars.contains(where: { $0.value <= 32 || $0.value == 127 }) {
            report.setting(JSONPath.element(index, of: JSONPath.member("scopes", of: path)), "a scope must be one non-empty word without spaces")
        }
        for (key, value) in [
            ("userIdField", provider.userIdField), ("emailField", provider.emailField),
            ("emailVerifiedField", provider.emailVerifiedField), ("nameField", provider.nameField),
        ] {
            guard let value else { continue }
            if value.split(separator: ".", omittingEmptySubsequences: false).contains(where: \.isEmpty) {
                report.setting(JSONPath.member(key, of: path), "\"\(key)\" must be a dotted path of member names, e.g. \"sub\" or \"data.email\"")
            }
        }
    }

    private static func checkMail(_ mail: AuthMailConfig, report: Reporter) {
        if !isPlainAddress(mail.from) {
            report.setting("auth.mail.from", "\"from\" must be a plain address such as \"no-reply@example.com\" (no name, no angle brackets)")
        }
        if mail.sender == .smtp, mail.smtp == nil {
            report.setting("auth.mail.smtp", "\"sender\": \"smtp\" needs \"smtp\": {\"host\": ..., \"port\": 587, \"security\": \"starttls\"}")
        }
        if mail.sender != .file, mail.directory != nil {
            report.setting("auth.mail.directory", "\"directory\" is only used by \"sender\": \"file\"")
        }
        guard let smtp = mail.smtp else { return }
        if smtp.host.isEmpty || smtp.host.unicodeScalars.contains(where: { $0.value <= 32 || $0 == "/" }) {
            report.setting("auth.mail.smtp.host", "\"host\" must be a host name or address, e.g. \"smtp.example.com\"")
        }
        if !(1...65535).contains(smtp.port) {
            report.setting("auth.mail.smtp.port", "\"port\" must be between 1 and 65535, found \(smtp.port)")
        }
        if !(1...300).contains(smtp.timeoutSeconds) {
            report.setting("auth.mail.smtp.timeoutSeconds", "\"timeoutSeconds\" must be between 1 and 300, found \(smtp.timeoutSeconds)")
        }
        if (smtp.usernameVariable == nil) != (smtp.passwordVariable == nil) {
            report.setting("auth.mail.smtp", "declare both \"usernameVariable\" and \"passwordVariable\", or neither")
        }
        for (key, value) in [("usernameVariable", smtp.usernameVariable), ("passwordVariable", smtp.passwordVariable)] {
            if let value, !isEnvironmentVariableName(value) {
                report.setting("auth.mail.smtp.\(key)", "\"\(key)\" must name an environment variable (A-Z, 0-9 and _), e.g. \"SMTP_PASSWORD\"")
            }
        }
        if smtp.security == .none, smtp.usernameVariable != nil {
            report.setting(
                "auth.mail.smtp.security",
                "credentials are only sent over TLS; use \"security\": \"starttls\" or \"tls\", or drop usernameVariable/passwordVariable")
        }
    }

    /// Why `text` is not an absolute http(s) URL (with a path only when `allowPath`), or `nil`.
    static func urlProblem(_ text: String, allowPath: Bool) -> String? {
        let rest: Substring
        if text.hasPrefix("https://") { rest = text.dropFirst(8) } else if text.hasPrefix("http://") { rest = text.dropFirst(7) } else {
            return "must start with https:// (or http:// for a local address)"
        }
        guard !rest.isEmpty, !text.unicodeScalars.contains(where: { $0.value <= 32 || $0.value >= 127 || $0 == "#" }) else {
            return "must be an absolute URL without spaces or a fragment"
        }
        let authority = rest.prefix { $0 != "/" && $0 != "?" }
        guard !authority.isEmpty, !authority.hasPrefix(":"), !authority.contains("@") else { return "must name a host" }
        if !allowPath, rest.count > authority.count, rest.dropFirst(authority.count) != "/" { return "must not have a path" }
        return nil
    }

    /// Provider endpoints carry the client secret and tokens: plain http only to this machine.
    private static func plainHTTPProblem(_ text: String) -> String? {
        guard text.hasPrefix("http://") else { return nil }
        let host = text.dropFirst(7).prefix { $0 != "/" && $0 != ":" && $0 != "?" }
        return host == "localhost" || host == "127.0.0.1" ? nil : "must use https:// (plain http only for localhost)"
    }

    /// Whether `address` is `local@domain` without spaces, brackets or line breaks.
    static func isPlainAddress(_ address: String) -> Bool {
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else { return false }
        return address.unicodeScalars.allSatisfy { $0.value > 32 && $0.value < 127 && !"<>,;\"()\\:[]".unicodeScalars.contains($0) }
    }
}
