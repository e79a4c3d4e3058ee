import Foundation

/// Checks the `cors` section of `app.json`: origins are exact (the text a browser sends in
/// `Origin`: lower-case `scheme://host[:port]`, no default port, no path), `*` stands alone and
/// never with `credentials` (browsers refuse that pair, and it would hand every site the
/// caller's cookies), methods are ones Loom routes answer, header names are tokens, and the
/// preflight cache age is at most a day.
enum CORSRules {
    /// The longest `maxAgeSeconds`, a day (Firefox's cap; Chromium caps at two hours).
    static let maximumMaxAgeSeconds = 86_400

    /// Runs the rules on `app`.
    static func check(_ app: AppSchema, diagnostics: DiagnosticCollector) {
        guard let cors = app.config.cors else { return }
        let file = app.config.file
        func error(_ path: String, _ message: String) { diagnostics.error(.invalidCORS, file: file, path: "cors." + path, message) }
        if cors.origins.isEmpty { error("origins", "list at least one origin, such as \"https://app.example.com\", or remove cors") }
        var seen: Set<String> = []
        for (index, origin) in cors.origins.enumerated() {
            let path = "origins[\(index)]"
            if origin == "*" {
                if cors.credentials {
                    error(path, "\"*\" cannot be used with \"credentials\": true (browsers refuse it, and every site would act with the caller's cookies); list the exact origins")
                } else if cors.origins.count > 1 {
                    error(path, "\"*\" allows every origin; list it alone or list exact origins")
                }
            } else if let canonical = canonicalOrigin(origin) {
                if canonical != origin {
                    error(path, "\(ValueText.quoted(origin)) is not written as browsers send it in Origin; write \(ValueText.quoted(canonical))")
                } else if !seen.insert(origin).inserted {
                    error(path, "\(ValueText.quoted(origin)) is listed twice")
                }
            } else {
                error(path, "\(ValueText.quoted(origin)) must be an exact origin such as \"https://app.example.com\" (scheme, host and port, no path or wildcard), or \"*\"")
            }
        }
        for (index, method) in cors.methods.enumerated() where !CORSConfig.defaultMethods.contains(method) {
            error("methods[\(index)]", "\(ValueText.quoted(method)) is not one of \(CORSConfig.defaultMethods.joined(separator: ", ")) (upper case)")
        }
        for (key, names) in [("headers", cors.headers ?? []), ("exposedHeaders", cors.exposedHeaders ?? [])] {
            for (index, name) in names.enumerated() where !NameRules.isHeaderName(name) {
                error("\(key)[\(index)]", "header name \(ValueText.quoted(name)) must be letters, digits and -, such as \"X-Request-Id\"")
            }
        }
        if !(0...maximumMaxAgeSeconds).contains(cors.maxAgeSeconds) {
            error("maxAgeSeconds", "\"maxAgeSeconds\" must be between 0 and \(maximumMaxAgeSeconds), found \(cors.maxAgeSeconds)")
        }
    }

    /// The origin as a browser serializes it (RFC 6454 §6.2: lower-case scheme and host, the
    /// port only when it is not the scheme's default), or `nil` when `text` is not an http(s)
    /// origin without user, path, query or fragment.
    static func canonicalOrigin(_ text: String) -> String? {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty, !host.contains("*"),
            components.path.isEmpty, components.query == nil, components.fragment == nil, components.user == nil
        else { return nil }
        let defaultPort = scheme == "http" ? 80 : 443
        let port = components.port.map { $0 == defaultPort ? "" : ":\($0)" } ?? ""
        return "\(scheme)://\(host.lowercased())\(port)"
    }
}
