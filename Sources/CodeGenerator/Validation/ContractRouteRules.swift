import APIContract
import SchemaModel

/// The checks of an app's `routes` objects that need the route families (`APIContract`), which
/// the schema validator cannot see: each names an operation the app has, each path has as many
/// parameters as the operation's own path, renamed members exist, the documentation page keeps
/// its document, and no two routes of any family share a method and path.
enum ContractRouteRules {
    /// Every problem of `app`, as diagnostics naming `app.json` and the JSON path.
    static func check(_ app: AppSchema) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        let config = app.config
        let file = config.file
        func error(_ code: SchemaDiagnosticCode, _ path: String, _ message: String) {
            diagnostics.append(Diagnostic(code: code.rawValue, file: file, path: path, message: message))
        }
        let consoleFiles = Set(SystemContract.consoleAssets.keys.map(\.routeKey))
        for key in config.routes.keys.sorted() where consoleFiles.contains(key) {
            error(.invalidRoute, "routes." + key, "the admin console's files are served under its page's path; move `adminConsole` instead")
        }
        check(
            config.routes.filter { !consoleFiles.contains($0.key) },
            declared: SystemContract.routes.filter { SystemContract.consoleAssets[$0.operation] == nil }, at: "routes", error: error)
        if let console = config.routes[AppConfig.adminConsoleRoute], console.paths.count > 1 {
            error(.invalidRoute, "routes.adminConsole", "the admin console is served at one path (its files and references follow it); give one path, not aliases")
        }
        if config.routes[AppConfig.adminConsoleRoute]?.isOff == false, !config.offersAdminConsoleSignIn {
            error(.invalidRoute, "routes.adminConsole", "the admin console signs in with the app's accounts and their password login; declare `auth` with `login`, or set `false`")
        }
        if config.servedSystemRoutes[AppConfig.adminConsoleRoute]?.isOff != true, config.routes[SystemOperation.openAPIDocument.routeKey]?.isOff == true {
            error(.invalidRoute, "routes.openAPIDocument", "the admin console reads the OpenAPI document; switch `adminConsole` off too, or keep the document")
        }
        if config.routes[SystemOperation.docs.routeKey]?.isOff == false || config.routes[SystemOperation.docs.routeKey] == nil,
            config.routes[SystemOperation.openAPIDocument.routeKey]?.isOff == true
        {
            error(.invalidRoute, "routes.openAPIDocument", "the documentation page (`docs`) reads the OpenAPI document; switch `docs` off too, or keep the document")
        }
        if let auth = config.auth {
            let options = AuthContractOptions(auth: auth, app: config)
            check(auth.routes, declared: AuthContract(options: options).declaredRoutes, at: "auth.routes", error: error)
            if let platform = auth.platformAdmins {
                check(platform.routes, declared: PlatformContract(options: options).declaredRoutes, at: "auth.platformAdmins.routes", error: error)
            }
        }
        if let management = config.webhooks?.management, !management.routes.isEmpty {
            let options = WebhookContractOptions(
                path: management.path, scope: management.scope, tenantScoped: false, maxRotationGraceSeconds: management.maxRotationGraceSeconds,
                eventTypes: [])
            for (key, paths) in management.routes {
                for (index, path) in paths.enumerated() where !Self.isRelativeTemplate(path) {
                    error(
                        .invalidRoute, "webhooks.management.routes." + key + (paths.count == 1 ? "" : "[\(index)]"),
                        "a management path is relative to \"path\": \"/\" then segments of letters, digits, \"-\", \"_\" or a {parameter} (e.g. \"/{id}/logs\"), found \"\(path)\"")
                }
            }
            check(
                management.routes.mapValues { RouteOverrideSchema(paths: $0) }, declared: WebhookContract(options: options).declaredRoutes,
                at: "webhooks.management.routes", error: error)
        }
        diagnostics += RouteCollisionRules.check(app)
        diagnostics += NamingRules.check(app)
        return diagnostics
    }

    /// `routes` against a family's declared routes.
    private static func check<Operation>(
        _ routes: [String: RouteOverrideSchema], declared: [ContractRoute<Operation>], at root: String,
        error: (SchemaDiagnosticCode, String, String) -> Void
    ) {
        let byKey = Dictionary(declared.map { ($0.operation.routeKey, $0) }, uniquingKeysWith: { first, _ in first })
        let allKeys = Operation.allCases.map(\.routeKey)
        for (key, route) in routes.sorted(by: { $0.key < $1.key }) {
            let path = root + "." + key
            guard let contract = byKey[key] else {
                if allKeys.contains(key) {
                    error(.invalidRoute, path, "the app has no \(key) route (its auth settings do not enable it), so there is nothing to place")
                } else {
                    error(.invalidRoute, path, "unknown operation \"\(key)\"; use one of \(allKeys.sorted().joined(separator: ", "))")
                }
                continue
            }
            let expected = contract.pathParameterKeys.count
            for (index, text) in route.paths.enumerated() where text.templateParameterCount != expected {
                let location = route.paths.count == 1 ? path : "\(path)[\(index)]"
                error(
                    .invalidRoute, location,
                    "\(key) takes \(expected) path parameter\(expected == 1 ? "" : "s") (\(contract.pathParameterKeys.map { "{\($0)}" }.joined(separator: ", ")) "
                        + "in \(contract.path)); the path \(text) has \(text.templateParameterCount); parameters are matched by position")
            }
            if let method = route.method {
                Self.checkMethod(method, of: contract, key: key, at: path + ".method", error: error)
            }
            Self.checkSuccess(route, of: contract, key: key, at: path, error: error)
            guard !route.members.isEmpty else { continue }
            guard let body = contract.request else {
                error(.invalidRoute, path + ".members", "\(key) takes no request body, so it has no members to rename")
                continue
            }
            let keys = Set(body.fields.map(\.key))
            var names: Set<String> = []
            for member in route.members {
                if !keys.contains(member.canonical) {
                    error(
                        .invalidRoute, path + ".members." + member.canonical,
                        "\(key)'s body has no member \"\(member.canonical)\"; its members are \(body.fields.map(\.key).joined(separator: ", "))")
                }
                if !names.insert(member.name).inserted {
                    error(.invalidRoute, path + ".members." + member.canonical, "two members would be sent as \"\(member.name)\"")
                }
            }
        }
    }

    /// `/{id}/logs`: a path relative to a family's prefix.
    private static func isRelativeTemplate(_ path: String) -> Bool {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        return path.hasPrefix("/") && !segments.isEmpty && segments.allSatisfy { segment in
            if segment.hasPrefix("{"), segment.hasSuffix("}"), segment.count > 2 {
                return segment.dropFirst().dropLast().allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }
            }
            return !segment.isEmpty && segment != "." && segment != ".."
                && segment.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == ".") }
        }
    }

    /// `status` (200, 201 or 202) only for an operation whose success answer has a JSON body;
    /// `answer` (a non-empty object of named members) only for one answering 204; not both.
    private static func checkSuccess<Operation>(
        _ route: RouteOverrideSchema, of contract: ContractRoute<Operation>, key: String, at path: String,
        error: (SchemaDiagnosticCode, String, String) -> Void
    ) {
        let bodies = contract.responses.filter { response in
            if case .json = response.body { return (200..<300).contains(response.status) }
            return false
        }
        let withBody = !bodies.isEmpty
        let noContent = contract.responses.contains { $0.status == 204 }
        if let status = route.status {
            if route.answer != nil {
                error(.invalidRoute, path, "give \"status\" or \"answer\", not both")
            } else if ![200, 201, 202].contains(status) {
                error(.invalidRoute, path + ".status", "status \(status) is not a success status with a body; use 200, 201 or 202")
            } else if bodies.count > 1 {
                error(
                    .invalidRoute, path + ".status",
                    "\(key) answers with a body under \(bodies.map { String($0.status) }.joined(separator: " and ")), which tell clients apart; its statuses cannot become one")
            } else if !withBody {
                error(
                    .invalidRoute, path + ".status",
                    noContent
                        ? "\(key) answers 204 without a body; give \"answer\" (e.g. {\"success\": true}) to answer 200 with one"
                        : "\(key) has no JSON success answer whose status could change")
            }
        }
        if let answer = route.answer, route.status == nil {
            if !noContent {
                error(.invalidRoute, path + ".answer", "\(key) answers with a body of its own; \"answer\" replaces only a 204 (use \"status\" to change its status)")
            }
            if answer.isEmpty {
                error(.invalidRoute, path + ".answer", "an empty answer says nothing; give at least one member, e.g. {\"success\": true}")
            }
            if answer.contains(where: { $0.name.isEmpty }) {
                error(.invalidRoute, path + ".answer", "a member's name is empty; name it")
            }
        }
    }

    /// The methods a route override may give an operation: those that carry a body.
    static let bodyMethods: [ContractMethod] = [.post, .put, .patch]

    /// `method` (a route override's) must be `POST`, `PUT` or `PATCH`, for an operation whose
    /// own method is one of them: a body-taking operation keeps a body, and reads and deletes
    /// keep their semantics.
    private static func checkMethod<Operation>(
        _ method: String, of contract: ContractRoute<Operation>, key: String, at path: String,
        error: (SchemaDiagnosticCode, String, String) -> Void
    ) {
        let allowed = bodyMethods.map(\.rawValue).joined(separator: ", ")
        guard let parsed = ContractMethod(rawValue: method), bodyMethods.contains(parsed) else {
            return error(.invalidRoute, path, "method \"\(method)\" is not one of \(allowed)")
        }
        guard bodyMethods.contains(contract.method) else {
            return error(.invalidRoute, path, "\(key) is served as \(contract.method.rawValue); only operations served as \(allowed) may change their method")
        }
    }
}

extension String {
    /// How many `{name}` segments this path has.
    var templateParameterCount: Int {
        split(separator: "/").filter { $0.hasPrefix("{") && $0.hasSuffix("}") }.count
    }
}
