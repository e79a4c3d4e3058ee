/// The `openapi` section of `app.json`: facts only the published document carries (where the
/// API is served, whom to ask, under which license).
public struct DocumentInfoSchema: Codable, Sendable, Hashable {
    /// One entry of the document's `servers`.
    public struct Server: Codable, Sendable, Hashable {
        /// Absolute origin (`https://api.acme.example`); paths already hold the base path.
        public var url: String
        /// What this server is (`Production`).
        public var description: String?

        /// Creates a server entry.
        public init(url: String, description: String? = nil) {
            self.url = url
            self.description = description
        }
    }

    /// `info.contact`.
    public struct Contact: Codable, Sendable, Hashable {
        /// A person or team.
        public var name: String?
        /// A web page.
        public var url: String?
        /// An email address.
        public var email: String?

        /// Creates a contact.
        public init(name: String? = nil, url: String? = nil, email: String? = nil) {
            self.name = name
            self.url = url
            self.email = email
        }
    }

    /// `info.license`: a name and either an SPDX identifier or a URL (OpenAPI 3.1 allows one).
    public struct License: Codable, Sendable, Hashable {
        /// The license's name (`Apache 2.0`).
        public var name: String
        /// Its SPDX identifier (`Apache-2.0`).
        public var identifier: String?
        /// Where its text is.
        public var url: String?

        /// Creates a license.
        public init(name: String, identifier: String? = nil, url: String? = nil) {
            self.name = name
            self.identifier = identifier
            self.url = url
        }
    }

    /// Declared servers; empty: the generator writes a templated local one.
    public var servers: [Server]
    /// Whom to ask.
    public var contact: Contact?
    /// The API's license.
    public var license: License?

    /// Creates the section; the defaults are an app that declares none.
    public init(servers: [Server] = [], contact: Contact? = nil, license: License? = nil) {
        self.servers = servers
        self.contact = contact
        self.license = license
    }
}
