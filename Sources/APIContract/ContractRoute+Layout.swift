extension ContractRoute {
    /// The route served with `method` at `paths` (complete; the first its own, the rest aliases), its body
    /// members and parameters spelled with `naming` unless `members` renames them, ids of auth
    /// resources written as `ids` says.
    ///
    /// Path parameters are matched by position: the runtime reads them by the names this
    /// declaration gives them (`pathParameterKeys`), whatever a path calls them.
    func laidOut(
        paths: [String], method: ContractMethod, naming: JSONNaming, members: [String: String], ids: ResourceIDs,
        success: ContractSuccessOverride? = nil
    ) -> ContractRoute {
        let primary = paths[0]
        return ContractRoute(
            copying: self, method: method, path: primary, aliases: Array(paths.dropFirst()),
            request: request.map { $0.with(fields: $0.spelled(naming: naming, members: members).fields.map { $0.writing(ids) }) },
            parameters: Self.renamed(parameters, toPath: primary) { members[$0.key] ?? naming.name($0.key) }.map { $0.writing(ids) },
            responses: success.map(answers(with:)), success: success)
    }

    /// The success answers under `success`: the answer with a body takes its status, or the
    /// answer without one becomes 200 with the constants (the generator checked that the
    /// operation has such an answer).
    private func answers(with success: ContractSuccessOverride) -> [ContractResponse] {
        responses.map { response in
            switch (success, response.body) {
            case (.status(let status), .json), (.status(let status), .anyJSONObject):
                return ContractResponse(status, response.body, response.description, links: response.links)
            case (.constant(let members), .empty) where response.status == 204:
                return ContractResponse(200, .constant(members), response.description)
            default:
                return response
            }
        }
    }

    /// The route's parameters as documented for `path`: its path parameters take the names of
    /// `path`'s `{name}` segments, in order.
    public func parameters(forPath path: String) -> [ContractParameter] {
        Self.renamed(parameters, toPath: path) { $0.name }
    }

    /// `path` with each parameter renamed to the name the runtime reads it by (`{id}`), for
    /// registering with the router.
    public func registrationPath(_ path: String) -> String {
        var index = 0
        return "/" + path.split(separator: "/").map { segment -> String in
            guard segment.hasPrefix("{"), segment.hasSuffix("}") else { return String(segment) }
            defer { index += 1 }
            return index < pathParameterKeys.count ? "{\(pathParameterKeys[index])}" : String(segment)
        }.joined(separator: "/")
    }

    /// Every path the route answers on: its own, then its aliases.
    public var allPaths: [String] { [path] + aliases }

    /// Path parameters named after `path`'s segments in order; query parameters as `queryName` says.
    private static func renamed(
        _ parameters: [ContractParameter], toPath path: String, queryName: (ContractParameter) -> String
    ) -> [ContractParameter] {
        var names = path.templateParameters.makeIterator()
        return parameters.map { parameter in
            switch parameter.location {
            case .path: return parameter.named(names.next() ?? parameter.name)
            case .query: return parameter.named(queryName(parameter))
            case .header: return parameter
            }
        }
    }
}

extension ContractBody {
    /// The body with its members spelled with `naming`, or as `members` renames them.
    public func spelled(naming: JSONNaming, members: [String: String]) -> ContractBody {
        with(fields: fields.map { $0.named(members[$0.key] ?? naming.name($0.key)) })
    }
}
