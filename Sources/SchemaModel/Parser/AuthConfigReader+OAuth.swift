/// Reads `auth.oauth` and `auth.mail`.
extension AuthConfigReader {
    /// `auth.oauth`; providers keep their declaration order.
    static func readOAuth(_ auth: ObjectReader) -> AuthOAuthConfig? {
        guard let reader = auth.object("oauth", keys: SchemaKeys.authOAuth) else { return nil }
        let defaults = AuthOAuthConfig(publicURL: "", providers: [])
        var providers: [AuthOAuthProviderConfig] = []
        if let members = reader.members("providers") {
            let path = reader.path(of: "providers")
            for member in members {
                guard let entry = ObjectReader(
                    member.value, at: JSONPath.member(member.key, of: path), keys: SchemaKeys.authOAuthProvider, values: reader.values)
                else { continue }
                providers.append(AuthOAuthProviderConfig(
                    name: member.key, clientIdVariable: entry.string("clientIdVariable") ?? "",
                    clientSecretVariable: entry.string("clientSecretVariable") ?? "", authorizeURL: entry.string("authorizeURL"),
                    tokenURL: entry.string("tokenURL"), userInfoURL: entry.string("userInfoURL"), emailsURL: entry.string("emailsURL"),
                    scopes: entry.stringArray("scopes"), userIdField: entry.string("userIdField"), emailField: entry.string("emailField"),
                    emailVerifiedField: entry.string("emailVerifiedField"), nameField: entry.string("nameField")))
            }
        }
        return AuthOAuthConfig(
            publicURL: reader.string("publicURL") ?? "",
            redirectAllowlist: reader.stringArray("redirectAllowlist") ?? defaults.redirectAllowlist,
            stateSeconds: reader.integer("stateSeconds") ?? defaults.stateSeconds,
            providers: providers)
    }

    /// `auth.mail`.
    static func readMail(_ auth: ObjectReader) -> AuthMailConfig? {
        guard let reader = auth.object("mail", keys: SchemaKeys.authMail) else { return nil }
        var smtp: AuthSMTPConfig?
        if reader.contains("smtp"), let server = reader.object("smtp", keys: SchemaKeys.authSMTP) {
            let defaults = AuthSMTPConfig(host: "")
            smtp = AuthSMTPConfig(
                host: server.string("host") ?? "", port: server.integer("port") ?? defaults.port,
                security: server.choice("security", named: "SMTP security") ?? defaults.security,
                usernameVariable: server.string("usernameVariable"), passwordVariable: server.string("passwordVariable"),
                timeoutSeconds: server.integer("timeoutSeconds") ?? defaults.timeoutSeconds)
        }
        return AuthMailConfig(
            sender: reader.choice("sender", named: "mail sender") ?? .log, from: reader.string("from") ?? "",
            directory: reader.string("directory"), smtp: smtp)
    }
}
