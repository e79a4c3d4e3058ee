/// Whether a request path is one of a set of route templates (`/v1/platform/admin/{id}`),
/// decided segment by segment: a literal must be equal, a `{name}` matches any one segment.
/// Built once at start-up for code that must tell a family's paths apart before routing (the
/// platform routes, which authenticate with platform tokens only).
public struct RoutePathMatcher: Sendable {
    /// Each template's segments; `nil` stands for a parameter.
    private let templates: [[Substring?]]

    /// A matcher of `templates`.
    public init(templates: [String]) {
        self.templates = templates.map { template in
            template.split(separator: "/").map { segment in
                segment.hasPrefix("{") && segment.hasSuffix("}") ? nil : segment
            }
        }
    }

    /// Whether `path` (without query) matches a template.
    public func matches(_ path: String) -> Bool {
        let segments = path.split(separator: "/")
        return templates.contains { template in
            template.count == segments.count && zip(template, segments).allSatisfy { literal, segment in literal.map { $0 == segment } ?? true }
        }
    }
}
