/// What the query language takes as a field name, and how it escapes text for `like`.
public enum FieldName {
    /// Whether `name` is a field name: ASCII letters, digits and `_`, not starting with a digit.
    public static func isValid(_ name: some StringProtocol) -> Bool {
        guard let first = name.unicodeScalars.first, !("0"..."9").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// `text` as a `like` pattern matching itself: `%`, `_` and `\` escaped with `\`.
    public static func likeEscaped(_ text: String) -> String {
        var result = ""
        for character in text {
            if character == "%" || character == "_" || character == "\\" { result.append("\\") }
            result.append(character)
        }
        return result
    }
}
