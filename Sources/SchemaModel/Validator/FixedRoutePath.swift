/// A route path an app places under its base path with no parameters (`usage.path`,
/// `rateLimits.tiersPath`): `/` then segments of ASCII letters, digits, `-` and `_`.
enum FixedRoutePath {
    /// Whether `path` is such a path.
    static func isValid(_ path: String) -> Bool {
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        return path.hasPrefix("/") && !segments.isEmpty
            && segments.allSatisfy { segment in
                !segment.isEmpty && segment.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
            }
    }

    /// What a diagnostic says of `path` when it is not one.
    static func problem(_ path: String, example: String) -> String {
        "must be a fixed path starting with \"/\" made of letters, digits, \"-\" and \"_\" (e.g. \"\(example)\"), found \(ValueText.quoted(path))"
    }
}
