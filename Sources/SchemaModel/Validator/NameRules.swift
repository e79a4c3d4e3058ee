import Foundation

/// Rules for names (apps, tables, fields, parameters, endpoints, indexes): `snake_case`, at
/// most 63 characters, and equal to their file or directory name where they have one.
public enum NameRules {
    /// PostgreSQL silently truncates longer identifiers, which could make two names collide.
    public static let maximumLength = 63

    /// Whether `name` matches `^[A-Z][A-Z0-9_]*$` and fits the length limit: a value an API
    /// spells in upper case (an API key environment `PROD`), accepted beside snake_case where a
    /// name is only ever a value on the wire, never a column or a Swift name.
    public static func isUpperSnakeCase(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("A"..."Z").contains(first), name.utf8.count <= maximumLength
        else { return false }
        return name.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// Whether `name` matches `^[a-z][a-z0-9_]*$` and fits the length limit.
    public static func isValid(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first), name.utf8.count <= maximumLength
        else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// Whether `name` is an HTTP header name (RFC 9110 token of letters, digits and `-`, at most
    /// 64 characters): the one rule for every header an app names (webhook signatures, CORS lists).
    static func isHeaderName(_ name: String) -> Bool {
        !name.isEmpty && name.utf8.count <= 64
            && name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// Reports `invalid-name` when `name` is not a valid name; `what` is e.g. "table name".
    static func check(_ name: String, what: String, file: String, path: String, diagnostics: DiagnosticCollector) {
        guard !isValid(name) else { return }
        let message: String
        if name.isEmpty {
            message = "\(what) is empty; use a snake_case name such as \"created_by\""
        } else if name.utf8.count > maximumLength, isValid(String(name.prefix(maximumLength))) {
            message =
                "\(what) \"\(name)\" is \(name.utf8.count) characters long; shorten it to at most \(maximumLength) "
                + "(the PostgreSQL identifier limit)"
        } else {
            var text =
                "\(what) \"\(name)\" must be snake_case: a lowercase letter, then lowercase letters, digits or _"
            if let suggestion = snakeCase(name) { text += " (e.g. \"\(suggestion)\")" }
            message = text
        }
        diagnostics.error(.invalidName, file: file, path: path, message)
    }

    /// Reports `name-mismatch` when a declared name differs from the name its location gives it.
    static func checkMatch(
        declared: String, expected: String, what: String, fix: String, file: String, path: String,
        diagnostics: DiagnosticCollector
    ) {
        guard declared != expected else { return }
        diagnostics.error(
            .nameMismatch, file: file, path: path,
            "\(what) \"\(declared)\" must equal \(fix) \"\(expected)\"; change one so they match")
    }

    /// The file name without directory and `.json`, e.g. `users` for `Schemas/tasks/tables/users.json`.
    static func fileStem(_ path: String) -> String {
        let last = path.split(separator: "/").last.map(String.init) ?? path
        return last.hasSuffix(".json") ? String(last.dropLast(".json".count)) : last
    }

    /// A valid snake_case spelling of `name` (`createdAt` → `created_at`), if there is one.
    static func snakeCase(_ name: String) -> String? {
        var result = ""
        var previousWasLowerOrDigit = false
        for character in name {
            if character.isUppercase, previousWasLowerOrDigit { result += "_" }
            let lower = character.lowercased()
            let isAllowed = lower.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
            result += isAllowed ? lower : "_"
            previousWasLowerOrDigit = character.isLowercase || character.isNumber
        }
        while result.contains("__") { result = result.replacingOccurrences(of: "__", with: "_") }
        result = String(result.drop(while: { $0 == "_" }).reversed().drop(while: { $0 == "_" }).reversed())
        return isValid(result) && result != name ? result : nil
    }
}
