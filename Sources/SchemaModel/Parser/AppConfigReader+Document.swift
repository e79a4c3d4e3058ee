extension AppConfigReader {
    /// Reads the `openapi` section (servers, contact, license) into `config.document`.
    static func readDocument(_ app: ObjectReader, into config: inout AppConfig) {
        guard app.contains("openapi"), let reader = app.object("openapi", keys: SchemaKeys.openAPI) else { return }
        var document = DocumentInfoSchema()
        if let servers = reader.array("servers") {
            let path = reader.path(of: "servers")
            document.servers = servers.enumerated().compactMap { index, element in
                guard let server = ObjectReader(element, at: JSONPath.element(index, of: path), keys: SchemaKeys.openAPIServer, values: reader.values)
                else { return nil }
                return DocumentInfoSchema.Server(url: server.string("url") ?? "", description: server.string("description"))
            }
        }
        if let contact = reader.object("contact", keys: SchemaKeys.openAPIContact) {
            document.contact = DocumentInfoSchema.Contact(name: contact.string("name"), url: contact.string("url"), email: contact.string("email"))
        }
        if let license = reader.object("license", keys: SchemaKeys.openAPILicense) {
            document.license = DocumentInfoSchema.License(
                name: license.string("name") ?? "", identifier: license.string("identifier"), url: license.string("url"))
        }
        config.document = document
    }
}
