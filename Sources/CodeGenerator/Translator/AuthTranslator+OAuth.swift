import SchemaModel

/// The `oauth:` and `mail:` arguments of the generated `AuthSettings(...)`.
extension AuthTranslator {
    /// The argument lines for `auth.oauth` and `auth.mail` (none when absent).
    static func oauthAndMailArguments(for auth: AuthConfig, indent: String) -> [String] {
        var lines: [String] = []
        if let oauth = auth.oauth { lines.append("oauth: " + self.oauth(oauth, indent: indent)) }
        if let mail = auth.mail { lines.append("mail: " + self.mail(mail)) }
        return lines
    }

    private static func oauth(_ oauth: AuthOAuthConfig, indent: String) -> String {
        let allowlist = oauth.redirectAllowlist.map(SwiftNames.literal).joined(separator: ", ")
        var text = ".init(\n" + indent + "    publicURL: \(SwiftNames.literal(oauth.publicURL)),"
        text += "\n" + indent + "    redirectAllowlist: [\(allowlist)],"
        text += "\n" + indent + "    stateSeconds: \(oauth.stateSeconds),"
        text += "\n" + indent + "    providers: ["
        for provider in oauth.providers {
            var arguments = [
                "name: \(SwiftNames.literal(provider.name))",
                "clientIDVariable: \(SwiftNames.literal(provider.clientIdVariable))",
                "clientSecretVariable: \(SwiftNames.literal(provider.clientSecretVariable))",
            ]
            let optional: [(String, String?)] = [
                ("authorizeURL", provider.authorizeURL), ("tokenURL", provider.tokenURL), ("userInfoURL", provider.userInfoURL),
                ("emailsURL", provider.emailsURL),
            ]
            for (label, value) in optional {
                if let value { arguments.append("\(label): \(SwiftNames.literal(value))") }
            }
            if let scopes = provider.scopes { arguments.append("scopes: [\(scopes.map(SwiftNames.literal).joined(separator: ", "))]") }
            let fields: [(String, String?)] = [
                ("userIDField", provider.userIdField), ("emailField", provider.emailField),
                ("emailVerifiedField", provider.emailVerifiedField), ("nameField", provider.nameField),
            ]
            for (label, value) in fields {
                if let value { arguments.append("\(label): \(SwiftNames.literal(value))") }
            }
            text += "\n" + indent + "        .init(" + arguments.joined(separator: ", ") + "),"
        }
        text += "\n" + indent + "    ]"
        return text + "\n" + indent + ")"
    }

    private static func mail(_ mail: AuthMailConfig) -> String {
        var arguments = ["sender: .\(mail.sender.rawValue)", "from: \(SwiftNames.literal(mail.from))"]
        if let directory = mail.directory { arguments.append("directory: \(SwiftNames.literal(directory))") }
        if let smtp = mail.smtp {
            var server = [
                "host: \(SwiftNames.literal(smtp.host))", "port: \(smtp.port)", "security: .\(smtp.security.rawValue)",
            ]
            if let user = smtp.usernameVariable { server.append("usernameVariable: \(SwiftNames.literal(user))") }
            if let password = smtp.passwordVariable { server.append("passwordVariable: \(SwiftNames.literal(password))") }
            server.append("timeoutSeconds: \(smtp.timeoutSeconds)")
            arguments.append("smtp: .init(" + server.joined(separator: ", ") + ")")
        }
        return ".init(" + arguments.joined(separator: ", ") + ")"
    }
}
