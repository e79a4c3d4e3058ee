import Hummingbird

/// The endpoints every Loom server has, whatever its schema.
struct BuiltInRoutes {
    let app: GeneratedApp
    let database: any DatabaseClient

    func register(in registry: inout RouteRegistry) {
        let database = self.database
        let appName = app.settings.name
        let live = Self.statusBody(status: "ok", app: appName, database: nil)
        registry.add(.get, "/health/live") { _, _ in JSONResponse.make(status: .ok, bytes: live) }
        let ready = Self.statusBody(status: "ok", app: appName, database: "ok")
        let unavailable = Self.statusBody(status: "unavailable", app: appName, database: "unavailable")
        let readiness: @Sendable (Request, LoomRequestContext) async throws -> Response = { _, context in
            do {
                try await database.ping()
                return JSONResponse.make(status: .ok, bytes: ready)
            } catch {
                context.logger.error("readiness check failed", metadata: ["error": "\(error)"])
                return JSONResponse.make(status: .serviceUnavailable, bytes: unavailable)
            }
        }
        registry.add(.get, "/health", handler: readiness)
        registry.add(.get, "/health/ready", handler: readiness)

        let document = ByteBuffer(string: app.openAPIDocument)
        registry.add(.get, "/openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: JSONResponse.contentType], body: .init(byteBuffer: document))
        }
        let page = ByteBuffer(string: DocsPage.html(specURL: "/openapi.json", title: app.title))
        registry.add(.get, "/docs") { _, _ in
            Response(
                status: .ok,
                headers: [
                    .contentType: "text/html; charset=utf-8",
                    .contentSecurityPolicy: "default-src 'self'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'",
                ],
                body: .init(byteBuffer: page))
        }
    }

    static func statusBody(status: String, app: String, database: String?) -> [UInt8] {
        var writer = JSONWriter(capacity: 96)
        writer.beginObject()
        writer.key("status")
        writer.value(status)
        writer.key("app")
        writer.value(app)
        if let database {
            writer.key("checks")
            writer.beginObject()
            writer.key("database")
            writer.value(database)
            writer.endObject()
        }
        writer.endObject()
        return writer.bytes
    }
}
