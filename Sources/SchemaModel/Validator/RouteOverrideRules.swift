/// Checks the paths of `routes` entries: each a complete URL path, no path twice in one entry,
/// and members renamed only where the operation takes a body (checked by the generator, which
/// knows the contract families).
enum RouteOverrideRules {
    /// The parsed paths of `route` at `path` (a JSON path), reporting malformed ones.
    @discardableResult
    static func checkPaths(
        _ route: RouteOverrideSchema, at path: String, file: String, diagnostics: DiagnosticCollector
    ) -> [EndpointPath] {
        var parsed: [EndpointPath] = []
        var seen: Set<String> = []
        for (index, text) in route.paths.enumerated() {
            let location = route.paths.count == 1 ? path : JSONPath.element(index, of: path)
            let endpointPath = EndpointPath(text, declared: true)
            for problem in endpointPath.problems {
                diagnostics.error(.invalidRoute, file: file, path: location, problem)
            }
            if !seen.insert(endpointPath.routeShape).inserted {
                diagnostics.error(.invalidRoute, file: file, path: location, "path \(ValueText.quoted(text)) is listed twice; remove one")
            }
            if endpointPath.problems.isEmpty { parsed.append(endpointPath) }
        }
        return parsed
    }
}
