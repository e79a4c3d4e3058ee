import Foundation
import ValueFormats

/// Checks the `openapi` section of `app.json`: servers are absolute http(s) origins (the
/// document's paths already hold the base path), contact addresses are well-formed, and a
/// license names either an SPDX identifier or a URL, as OpenAPI 3.1 requires.
enum DocumentInfoRules {
    /// Runs the rules on `app`.
    static func check(_ app: AppSchema, diagnostics: DiagnosticCollector) {
        let document = app.config.document
        let file = app.config.file
        func error(_ path: String, _ message: String) { diagnostics.error(.invalidDocumentInfo, file: file, path: path, message) }
        var seen: Set<String> = []
        for (index, server) in document.servers.enumerated() {
            let path = "openapi.servers[\(index)].url"
            if !isOrigin(server.url) {
                error(path, "server \(ValueText.quoted(server.url)) must be an absolute http or https origin such as \"https://api.example.com\", with no path: every path of the document already starts with the base path")
            } else if !seen.insert(server.url).inserted {
                error(path, "server \(ValueText.quoted(server.url)) is listed twice")
            }
        }
        if let contact = document.contact {
            if let email = contact.email, !ValueFormats.isEmail(email) { error("openapi.contact.email", "\(ValueText.quoted(email)) is not an email address") }
            if let url = contact.url, !ValueFormats.isHTTPURL(url) { error("openapi.contact.url", "\(ValueText.quoted(url)) is not an http or https URL") }
            if contact.name == nil, contact.email == nil, contact.url == nil { error("openapi.contact", "give a name, an email or a url, or remove contact") }
        }
        if let license = document.license {
            if license.name.trimmingCharacters(in: .whitespaces).isEmpty { error("openapi.license.name", "the license needs a name, such as \"Apache 2.0\"") }
            if license.identifier != nil, license.url != nil {
                error("openapi.license", "give either an SPDX identifier or a url, not both (OpenAPI 3.1)")
            }
            if let url = license.url, !ValueFormats.isHTTPURL(url) { error("openapi.license.url", "\(ValueText.quoted(url)) is not an http or https URL") }
        }
    }

    /// `http(s)://host[:port]`, optionally ending in `/`.
    static func isOrigin(_ url: String) -> Bool {
        guard ValueFormats.isHTTPURL(url), let components = URLComponents(string: url) else { return false }
        return (components.path.isEmpty || components.path == "/") && components.query == nil && components.fragment == nil
            && components.user == nil
    }
}
