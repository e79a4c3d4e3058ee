import Foundation
import OpenAPIKit
import SchemaModel

/// The document's `servers`, `info.contact` and `info.license` from the app's `openapi` section.
///
/// Paths hold the base path, so a server is an origin. Without declared servers the document
/// names a templated local one (`{scheme}://{host}`, `http` and `127.0.0.1:8080` by default), so
/// generated clients get an absolute base URL they can override, instead of a relative `/`.
struct DocumentInfo {
    /// The `openapi` section.
    let document: DocumentInfoSchema

    /// The server every app without declared servers is documented with.
    static let localServer = "{scheme}://{host}"

    /// `servers`.
    func servers() throws -> [OpenAPI.Server] {
        guard !document.servers.isEmpty else {
            return [OpenAPI.Server(
                urlTemplate: try URLTemplate(templateString: Self.localServer),
                description: "loom-server as started by `swift run loom-server`; set host to where it runs.",
                variables: [
                    "scheme": .init(enum: ["http", "https"], default: "http", description: "https behind TLS."),
                    "host": .init(default: "127.0.0.1:8080", description: "Host and port of the server."),
                ])]
        }
        return try document.servers.map {
            OpenAPI.Server(urlTemplate: try URLTemplate(templateString: $0.url), description: $0.description)
        }
    }

    /// `info.contact`, when declared.
    var contact: OpenAPI.Document.Info.Contact? {
        document.contact.map { OpenAPI.Document.Info.Contact(name: $0.name, url: $0.url.flatMap(URL.init(string:)), email: $0.email) }
    }

    /// `info.license`, when declared: by SPDX identifier, or by URL.
    var license: OpenAPI.Document.Info.License? {
        document.license.map { license in
            if let identifier = license.identifier {
                return OpenAPI.Document.Info.License(name: license.name, spdxIdentifier: identifier)
            }
            return OpenAPI.Document.Info.License(name: license.name, url: license.url.flatMap(URL.init(string:)))
        }
    }
}
