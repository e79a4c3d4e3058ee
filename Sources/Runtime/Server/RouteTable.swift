import HTTPTypes

/// Every registered path template and its methods, so that a request for a known path with
/// an unsupported method is answered 405 with `Allow` rather than Hummingbird's plain 404.
public struct RouteTable: Sendable {
    private struct Entry: Sendable {
        var segments: [Segment]
        var methods: [HTTPRequest.Method]
    }

    private enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter
    }

    private var entries: [Entry] = []

    /// Creates an empty table.
    public init() {}

    /// Records that `method` is served at `path` (a template such as `/v1/tasks/{id}` or `/v1/tasks/:id`).
    public mutating func add(path: String, method: HTTPRequest.Method) {
        let segments = Self.segments(of: path)
        if let index = entries.firstIndex(where: { $0.segments == segments }) {
            if !entries[index].methods.contains(method) { entries[index].methods.append(method) }
        } else {
            entries.append(Entry(segments: segments, methods: [method]))
        }
    }

    /// Methods served at a concrete request path, in registration order; empty when no template matches.
    public func methods(forPath path: String) -> [HTTPRequest.Method] {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        let matching = entries.filter { entry in
            entry.segments.count == parts.count
                && zip(entry.segments, parts).allSatisfy { segment, part in
                    switch segment {
                    case .parameter: return true
                    case .literal(let literal): return literal == part
                    }
                }
        }
        // The router takes a literal segment over a parameter at each level (`/items/batch` is
        // the batch route, never `/items/{id}`), so only the most literal match answers.
        guard let best = matching.max(by: { Self.isLessLiteral($0.segments, than: $1.segments) }) else { return [] }
        return best.methods
    }

    /// Whether `lhs` has a parameter where `rhs` has a literal at the first segment they differ in kind.
    private static func isLessLiteral(_ lhs: [Segment], than rhs: [Segment]) -> Bool {
        for (left, right) in zip(lhs, rhs) {
            switch (left, right) {
            case (.parameter, .literal): return true
            case (.literal, .parameter): return false
            default: continue
            }
        }
        return false
    }

    private static func segments(of path: String) -> [Segment] {
        path.split(separator: "/", omittingEmptySubsequences: true).map { part in
            if part.hasPrefix(":") || (part.hasPrefix("{") && part.hasSuffix("}")) { return .parameter }
            return .literal(String(part))
        }
    }
}
