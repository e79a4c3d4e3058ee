/// Reads `routes` objects: each member an operation name and its `RouteOverrideSchema`
/// (`false`, `"/path"`, `["/path", "/alias"]` or `{"path", "aliases", "members", "method"}`).
enum RouteOverrideReader {
    /// The members of `routes` under `key` of `owner`, in source order; keys are checked by the
    /// caller, which knows the operations (tables here, contract families in the generator).
    static func readMap(_ owner: ObjectReader, key: String = "routes") -> [(key: String, value: RouteOverrideSchema)] {
        guard let members = owner.members(key) else { return [] }
        let path = owner.path(of: key)
        return members.compactMap { member in
            read(member.value, at: JSONPath.member(member.key, of: path), values: owner.values).map { (member.key, $0) }
        }
    }

    /// One override, or `nil` (reported) when it has none of the accepted forms.
    static func read(_ value: JSONValue, at path: String, values: ValueReader) -> RouteOverrideSchema? {
        switch value {
        case .bool(false):
            return RouteOverrideSchema(paths: [])
        case .string(let single):
            return RouteOverrideSchema(paths: [single])
        case .array:
            guard let paths = values.stringArray(value, at: path) else { return nil }
            if paths.isEmpty {
                values.diagnostics.error(
                    .invalidRoute, file: values.file, path: path,
                    "an empty list of paths serves nothing; write false to switch the operation off")
                return nil
            }
            return RouteOverrideSchema(paths: paths)
        case .object:
            guard let reader = ObjectReader(value, at: path, keys: SchemaKeys.routeOverride, values: values) else { return nil }
            let first = reader.string("path")
            let aliases = reader.stringArray("aliases") ?? []
            var members: [RouteOverrideSchema.RenamedMember] = []
            if let entries = reader.members("members") {
                for entry in entries {
                    if let name = values.string(entry.value, at: JSONPath.member(entry.key, of: reader.path(of: "members"))) {
                        members.append(.init(canonical: entry.key, name: name))
                    }
                }
            }
            let method = reader.string("method")
            let status = reader.integer("status")
            var answer: [RouteOverrideSchema.AnswerMember]?
            if let entries = reader.members("answer") {
                answer = entries.compactMap { entry in
                    switch entry.value {
                    case .bool, .integer, .string: return RouteOverrideSchema.AnswerMember(name: entry.key, value: entry.value)
                    default:
                        return values.wrongType(
                            entry.value, expected: "a boolean, an integer or a string", at: JSONPath.member(entry.key, of: reader.path(of: "answer")))
                    }
                }
            }
            guard let first else { return nil }
            return RouteOverrideSchema(
                paths: [first] + aliases, members: members.sorted { $0.canonical < $1.canonical }, method: method, status: status, answer: answer)
        default:
            return values.wrongType(value, expected: "false, a path, an array of paths or an object with \"path\"", at: path)
        }
    }
}
