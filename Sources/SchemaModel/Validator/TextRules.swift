/// Rules for human text: descriptions, titles and versions must say something.
enum TextRules {
    /// Reports `empty-description` when `text` is empty after trimming whitespace.
    static func checkDescription(
        _ text: String, of what: String, file: String, path: String, diagnostics: DiagnosticCollector
    ) {
        guard isBlank(text) else { return }
        diagnostics.error(
            .emptyDescription, file: file, path: path,
            "description of \(what) is empty; write what it is for, it appears in the API documentation")
    }

    /// Reports `empty-value` when `text` is empty after trimming whitespace.
    static func checkNonEmpty(
        _ text: String, key: String, hint: String, file: String, path: String, diagnostics: DiagnosticCollector
    ) {
        guard isBlank(text) else { return }
        diagnostics.error(.emptyValue, file: file, path: path, "\"\(key)\" is empty; \(hint)")
    }

    /// Whether `text` holds only whitespace.
    static func isBlank(_ text: String) -> Bool {
        text.allSatisfy { $0.isWhitespace }
    }
}
