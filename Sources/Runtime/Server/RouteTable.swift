import HTTPTypes

/// Every registered path template and its methods, so that a request for a known path with
/// an unsupported method is answered 405 with `Allow` rather than Hummingbird's plain 404.
///
/// A request path is matched the way Hummingbird's router matches it: among the templates it
/// fits, the one with a literal segment where the others have a parameter wins, segment by
/// segment from the left. So `PUT /v1/items/batch` belongs to `/v1/items/batch` alone (whose
/// only method is `POST`), not also to `/v1/items/{id}`.
public struct RouteTable: Sendable {
    private struct Entry: Sendable {
        var template: String
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
            entries.append(Entry(template: path, segments: segments, methods: [method]))
        }
    }

    /// Methods served at a concrete request path, in registration order: those of the template
    /// the router resolves the path to; empty when no template matches.
    public func methods(forPath path: String) -> [HTTPRequest.Method] {
        entry(forPath: path)?.methods ?? []
    }

    /// The template (as first added) the router resolves a concrete request path to; `nil`
    /// when none matches.
    public func template(forPath path: String) -> String? {
        entry(forPath: path)?.template
    }

    private func entry(forPath path: String) -> Entry? {
        let parts = path.split(separator: "/", omittingEmptySubsequences: true)
        var best: Entry?
        for entry in entries where entry.segments.count == parts.count {
            let matches = zip(entry.segments, parts).allSatisfy { segment, part in
                switch segment {
                case .parameter: return true
                case .literal(let literal): return literal == part
                }
            }
            guard matches else { continue }
            if let current = best, !Self.isMoreSpecific(entry.segments, than: current.segments) { continue }
            best = entry
        }
        return best
    }

    /// Whether `candidate` has a literal at the first segment where it and `other` differ.
    private static func isMoreSpecific(_ candidate: [Segment], than other: [Segment]) -> Bool {
        for (mine, theirs) in zip(candidate, other) where mine != theirs {
            if case .literal = mine, theirs == .parameter { return true }
            if mine == .parameter, case .literal = theirs { return false }
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
