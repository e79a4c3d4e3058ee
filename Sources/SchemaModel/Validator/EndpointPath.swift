/// An endpoint path such as `/projects/{id}/summary`, split into segments.
struct EndpointPath {
    /// One `/`-separated piece of the path.
    enum Segment: Hashable {
        /// A fixed piece matching `[a-z0-9_.-]+`.
        case literal(String)
        /// A `{name}` piece filled from a path parameter.
        case parameter(String)
    }

    /// The segments in order; malformed segments are left out.
    private(set) var segments: [Segment] = []
    /// What is wrong with the path, as messages that say how to fix it.
    private(set) var problems: [String] = []

    /// Splits and checks `path`. A `declared` path (a `routes` entry copying another API's
    /// path) may also use upper-case letters and `~` in literals and camelCase parameter names.
    init(_ path: String, declared: Bool = false) {
        guard path.hasPrefix("/") else {
            problems.append("path \(ValueText.quoted(path)) must start with \"/\", e.g. \"/projects/{id}/summary\"")
            return
        }
        for piece in path.dropFirst().split(separator: "/", omittingEmptySubsequences: false).map(String.init) {
            if piece.isEmpty {
                problems.append(
                    "path \(ValueText.quoted(path)) has an empty segment (a doubled or trailing \"/\"); remove it")
            } else if piece.hasPrefix("{"), piece.hasSuffix("}"), piece.count > 2 {
                let name = String(piece.dropFirst().dropLast())
                if NameRules.isValid(name) || (declared && Self.isDeclaredParameter(name)) {
                    segments.append(.parameter(name))
                } else {
                    problems.append(
                        "path parameter \(ValueText.quoted(piece)) must name a snake_case parameter, e.g. \"{project_id}\""
                    )
                }
            } else if Self.isLiteral(piece) || (declared && Self.isDeclaredLiteral(piece)) {
                segments.append(.literal(piece))
            } else {
                problems.append(
                    "path segment \(ValueText.quoted(piece)) may only hold \(declared ? "letters" : "a-z"), 0-9, _, . "
                        + "\(declared ? ", ~ " : "")and -, or be a whole \"{name}\" parameter")
            }
        }
    }

    /// Names of the `{name}` segments in order.
    var parameterNames: [String] {
        segments.compactMap { if case .parameter(let name) = $0 { name } else { nil } }
    }

    /// The path with every parameter replaced by `{}`, so that routes differing only in
    /// parameter names compare equal.
    var routeShape: String {
        "/"
            + segments.map {
                switch $0 {
                case .literal(let text): return text
                case .parameter: return "{}"
                }
            }.joined(separator: "/")
    }

    private static func isDeclaredLiteral(_ piece: String) -> Bool {
        piece.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || "_.-~".unicodeScalars.contains($0)
        }
    }

    private static func isDeclaredParameter(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first) || ("A"..."Z").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    private static func isLiteral(_ piece: String) -> Bool {
        piece.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "." || $0 == "-"
        }
    }
}
