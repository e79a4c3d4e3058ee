import Foundation

/// The `q=` full-text parameter: checked once, then turned into each engine's query syntax.
///
/// Clients send plain words; every word must appear (in any searchable field). On SQLite each
/// word becomes an FTS5 string (`"word"`, quotes doubled), so operators and syntax errors in the
/// input are impossible; PostgreSQL gets the text for `websearch_to_tsquery`, which never fails.
enum SearchQuery {
    /// Longest accepted `q`.
    static let maxLength = 256
    /// Most words in one `q`.
    static let maxWords = 16

    /// The words of `text`, or a 400 field error.
    static func make(_ text: String) -> Result<String, APIError.FieldError> {
        let words = words(text)
        guard text.unicodeScalars.count <= maxLength else {
            return .failure(.init(field: "q", message: "is longer than \(maxLength) characters"))
        }
        guard !words.isEmpty else { return .failure(.init(field: "q", message: "must contain a word")) }
        guard words.count <= maxWords else { return .failure(.init(field: "q", message: "has more than \(maxWords) words")) }
        return .success(words.joined(separator: " "))
    }

    /// FTS5 syntax: each word a quoted string, implicitly AND-ed.
    static func fts5(_ text: String) -> String {
        words(text).map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: " ")
    }

    private static func words(_ text: String) -> [String] {
        text.split(whereSeparator: { $0.isWhitespace || $0.unicodeScalars.allSatisfy { $0.properties.generalCategory == .control } }).map(String.init)
    }
}
