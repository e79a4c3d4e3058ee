import APIContract
import Hummingbird

/// The endpoints every Loom server has, whatever its schema.
struct BuiltInRoutes {
    let app: GeneratedApp
    let database: any DatabaseClient

    /// Adds the system family (`SystemContract`), each operation served by its handler. The
    /// console's files (their text filled in, their tags hashed) are made once, and only when
    /// the app serves the console.
    func register(in registry: inout RouteRegistry) {
        let routes = SystemContract.routes(layout: app.settings.systemRoutes)
        let console = routes.contains { $0.operation == .adminConsole } ? consoleFiles(routes) : nil
        registry.add(routes, prefix: "", handler: { handler(for: $0, console: console) })
    }

    /// The handler of each system operation; the switch is exhaustive, so a declared route
    /// cannot lack a handler.
    func handler(for operation: SystemOperation, console: AdminConsole.Files?) -> RouteRegistry.Handler {
        let appName = app.settings.name
        switch operation {
        case .healthLive:
            let live = app.settings.health.answer(status: "ok", app: appName, database: nil)
            return { _, _ in JSONResponse.make(status: .ok, bytes: live()) }
        case .health, .healthReady:
            let database = self.database
            let ready = app.settings.health.answer(status: "ok", app: appName, database: "ok")
            let unavailable = app.settings.health.answer(status: "unavailable", app: appName, database: "unavailable")
            return { _, context in
                do {
                    try await database.ping()
                    return JSONResponse.make(status: .ok, bytes: ready())
                } catch {
                    context.logger.error("readiness check failed", metadata: ["error": "\(error)"])
                    return JSONResponse.make(status: .serviceUnavailable, bytes: unavailable())
                }
            }
        case .openAPIDocument:
            let document = ByteBuffer(string: app.openAPIDocument)
            return { _, _ in
                Response(status: .ok, headers: [.contentType: JSONResponse.contentType], body: .init(byteBuffer: document))
            }
        case .docs:
            let routes = SystemContract.routes(layout: app.settings.systemRoutes)
            let document = routes.first { $0.operation == .openAPIDocument }?.path ?? "/openapi.json"
            let docs = routes.first { $0.operation == .docs }?.path ?? "/docs"
            let page = DocsPage.page(docsPath: docs, documentPath: document, title: app.title)
            let body = ByteBuffer(string: page.html)
            let headers: HTTPFields = [.contentType: "text/html; charset=utf-8", .contentSecurityPolicy: page.contentSecurityPolicy]
            return { _, _ in Response(status: .ok, headers: headers, body: .init(byteBuffer: body)) }
        case .tableCatalog:
            // Written by the generator; the contract serves the route only where the settings carry it.
            guard let catalog = app.settings.tableCatalog else { return { _, _ in throw APIError.internalError } }
            let bytes = Array(catalog.utf8)
            return { _, _ in JSONResponse.make(status: .ok, bytes: bytes) }
        case .adminConsole, .adminConsoleScript, .adminConsoleStyle:
            // The three are laid out together (`SystemContract.routes(layout:)`): none without the page.
            guard let console else { return { _, _ in throw APIError.internalError } }
            switch operation {
            case .adminConsoleScript: return { request, _ in console.script.response(to: request) }
            case .adminConsoleStyle: return { request, _ in console.style.response(to: request) }
            default:
                // `/admin/` reaches this route too: its page's references are relative to that address.
                return { request, _ in (request.uri.path.hasSuffix("/") ? console.directoryPage : console.page).response(to: request) }
            }
        }
    }

    /// The console's files at the paths `routes` serve them.
    private func consoleFiles(_ routes: [ContractRoute<SystemOperation>]) -> AdminConsole.Files {
        let path = { (operation: SystemOperation, fallback: String) in routes.first { $0.operation == operation }?.path ?? fallback }
        return AdminConsole.files(
            pagePath: path(.adminConsole, "/admin"), scriptPath: path(.adminConsoleScript, "/admin/console.js"),
            stylePath: path(.adminConsoleStyle, "/admin/console.css"), documentPath: path(.openAPIDocument, "/openapi.json"),
            title: app.title)
    }
}
