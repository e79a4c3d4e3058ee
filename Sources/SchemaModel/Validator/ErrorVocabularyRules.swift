/// Checks `errors`: codes map Loom's codes to well-formed codes and error statuses, and a body
/// template carries the code and the message, each value once.
enum ErrorVocabularyRules {
    /// Runs the rules on `errors` of `file`.
    static func check(_ errors: ErrorsSchema, file: String, diagnostics: DiagnosticCollector) {
        for mapping in errors.codes {
            let path = JSONPath.member(mapping.loomCode, of: "errors.codes")
            guard LoomErrorCode(rawValue: mapping.loomCode) != nil else {
                diagnostics.error(
                    .invalidErrorVocabulary, file: file, path: path,
                    "unknown Loom code \(ValueText.quoted(mapping.loomCode)); \(Suggestion.useOneOf(LoomErrorCode.allCases.map(\.rawValue), for: mapping.loomCode))")
                continue
            }
            if let code = mapping.code, !isCode(code) {
                diagnostics.error(
                    .invalidErrorVocabulary, file: file, path: path,
                    "code \(ValueText.quoted(code)) must be upper-case letters, digits and _, starting with a letter, such as \"RESOURCE_NOT_FOUND\"")
            }
            if let status = mapping.status, !(400...599).contains(status) {
                diagnostics.error(
                    .invalidErrorVocabulary, file: file, path: JSONPath.member("status", of: path),
                    "status \(status) is not an error status; use 400 to 599")
            }
            if mapping.code == nil, mapping.status == nil {
                diagnostics.error(.invalidErrorVocabulary, file: file, path: path, "the mapping changes nothing; give \"code\", \"status\" or both")
            }
        }
        guard let body = errors.body else { return }
        let values = body.values
        for value in [ErrorBodyValue.code, .message] where !values.contains(value) {
            diagnostics.error(
                .invalidErrorVocabulary, file: file, path: "errors.body",
                "the error body must carry \"\(value.rawValue)\"; add a member holding it")
        }
        var seen: Set<ErrorBodyValue> = []
        for value in values where !seen.insert(value).inserted {
            diagnostics.error(.invalidErrorVocabulary, file: file, path: "errors.body", "\"\(value.rawValue)\" is written twice; keep one")
        }
    }

    /// `[A-Z][A-Z0-9_]*`.
    static func isCode(_ code: String) -> Bool {
        guard let first = code.unicodeScalars.first, ("A"..."Z").contains(first) else { return false }
        return code.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }
}
