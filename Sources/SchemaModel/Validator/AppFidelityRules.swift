/// Checks the keys of `app.json` that reproduce an existing API: `envelopes`, `errors`,
/// `headers`, the paths of every `routes` object and `auth.tokens.responseMembers`.
/// (Which operations a `routes` object may name is checked by the generator, which reads the
/// route families.)
enum AppFidelityRules {
    /// Runs the rules on `app`.
    static func check(_ app: AppSchema, diagnostics: DiagnosticCollector) {
        let config = app.config
        let file = config.file
        EnvelopeRules.check(config.envelopes, at: "envelopes", file: file, diagnostics: diagnostics)
        EnvelopeRules.checkFamilies(config, diagnostics: diagnostics)
        ErrorVocabularyRules.check(config.errors, file: file, diagnostics: diagnostics)
        checkHeaders(config.headers, file: file, diagnostics: diagnostics)
        for (key, route) in config.routes.sorted(by: { $0.key < $1.key }) {
            RouteOverrideRules.checkPaths(route, at: JSONPath.member(key, of: "routes"), file: file, diagnostics: diagnostics)
        }
        checkHealth(config.health, file: file, diagnostics: diagnostics)
        guard let auth = config.auth else { return }
        for (key, route) in auth.routes.sorted(by: { $0.key < $1.key }) {
            RouteOverrideRules.checkPaths(route, at: JSONPath.member(key, of: "auth.routes"), file: file, diagnostics: diagnostics)
        }
        for (key, route) in (auth.platformAdmins?.routes ?? [:]).sorted(by: { $0.key < $1.key }) {
            RouteOverrideRules.checkPaths(
                route, at: JSONPath.member(key, of: "auth.platformAdmins.routes"), file: file, diagnostics: diagnostics)
        }
        if let members = auth.tokens.responseMembers {
            if !members.contains(.accessToken) {
                diagnostics.error(
                    .invalidAuthSetting, file: file, path: "auth.tokens.responseMembers",
                    "token answers must carry \"access_token\"; add it")
            }
            if Set(members).count != members.count {
                diagnostics.error(.invalidAuthSetting, file: file, path: "auth.tokens.responseMembers", "a member is listed twice; remove one")
            }
        }
    }

    private static func checkHealth(_ health: HealthConfig, file: String, diagnostics: DiagnosticCollector) {
        let members = health.members
        let path = "health.members"
        if !members.contains(.status) {
            diagnostics.error(.invalidHealthMembers, file: file, path: path, "the health answer must carry \"status\"; add it")
        }
        if Set(members).count != members.count {
            diagnostics.error(.invalidHealthMembers, file: file, path: path, "a member is listed twice; remove one")
        }
        if members.contains(.app), members.contains(where: { $0 == .appName || $0 == .appVersion }) {
            diagnostics.error(
                .invalidHealthMembers, file: file, path: path,
                "\"app\" (the name as a string) and \"app.name\"/\"app.version\" (an app object) cannot both be written; keep one")
        }
    }

    /// Field names clients may not take over: they carry HTTP itself or Loom's own protocol.
    static let reservedHeaders: Set<String> = [
        "accept", "allow", "authorization", "connection", "content-length", "content-type", "cookie", "etag", "host",
        "if-match", "if-none-match", "location", "retry-after", "set-cookie", "transfer-encoding", "x-csrf-token",
        "idempotent-replayed",
    ]

    private static func checkHeaders(_ headers: HeaderNamesSchema, file: String, diagnostics: DiagnosticCollector) {
        let names = [
            ("apiKey", headers.apiKey), ("requestId", headers.requestId), ("rateLimitPolicy", headers.rateLimitPolicy),
            ("rateLimit", headers.rateLimit), ("idempotencyKey", headers.idempotencyKey),
        ]
        var seen: [String: String] = [:]
        for (key, name) in names {
            let path = JSONPath.member(key, of: "headers")
            let valid = !name.isEmpty && name.utf8.count <= 64
                && name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
            if !valid {
                diagnostics.error(
                    .invalidHeaderName, file: file, path: path,
                    "header name \(ValueText.quoted(name)) must be letters, digits and -, such as \"X-Request-Id\"")
            } else if reservedHeaders.contains(name.lowercased()) {
                diagnostics.error(
                    .invalidHeaderName, file: file, path: path, "\(ValueText.quoted(name)) is a header HTTP or Loom already uses; choose another name")
            } else if let other = seen[name.lowercased()] {
                diagnostics.error(
                    .invalidHeaderName, file: file, path: path, "\(ValueText.quoted(name)) is already the name of \"\(other)\"; header names are compared without case")
            } else {
                seen[name.lowercased()] = key
            }
        }
    }
}
