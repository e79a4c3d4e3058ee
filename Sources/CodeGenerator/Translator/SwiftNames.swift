import Foundation

/// Naming rules that turn schema names into Swift names and Swift source literals.
public enum SwiftNames {
    /// `project_summary` -> `ProjectSummary`.
    public static func pascalCase(_ name: String) -> String {
        name.split(separator: "_").map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// `project_id` -> `projectId`, escaped with backticks when it is a Swift keyword.
    public static func camelCase(_ name: String) -> String {
        let pascal = pascalCase(name)
        let camel = pascal.prefix(1).lowercased() + pascal.dropFirst()
        return keywords.contains(camel) ? "`\(camel)`" : camel
    }

    /// A Swift string literal holding `text` exactly: a raw literal when the text has quotes or
    /// backslashes (SQL identifiers, regular expressions), so generated code stays readable.
    public static func literal(_ text: String) -> String {
        let (needsEscaping, isSingleLine) = characterClasses(of: text)
        if needsEscaping, isSingleLine {
            let hashes = String(repeating: "#", count: hashCount(for: text))
            return hashes + "\"" + text + "\"" + hashes
        }
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                result += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// Whether `text` has a quote or a backslash, and whether it has no newline (what
    /// `Character.isNewline` calls one: LF, VT, FF, CR, NEL, LS, PS). Searched in the UTF-8 bytes
    /// with `memchr`: `String.contains` and a walk over the `Character`s of every SQL statement
    /// were 2 % of a debug build's generation of 50 tables, and a Swift loop over the bytes is
    /// slow in the debug build `loom` runs as.
    static func characterClasses(of text: String) -> (needsEscaping: Bool, isSingleLine: Bool) {
        var text = text
        return text.withUTF8 { bytes in
            let needsEscaping = contains([UInt8(ascii: "\"")], in: bytes) || contains([UInt8(ascii: "\\")], in: bytes)
            let newlines: [[UInt8]] = [[0x0A], [0x0B], [0x0C], [0x0D], [0xC2, 0x85], [0xE2, 0x80, 0xA8], [0xE2, 0x80, 0xA9]]
            return (needsEscaping, !newlines.contains { contains($0, in: bytes) })
        }
    }

    /// Whether `sequence` occurs in `bytes`: `memchr` from one occurrence of its first byte to the next.
    private static func contains(_ sequence: [UInt8], in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var index = 0
        while index < bytes.count, let found = memchr(base + index, Int32(sequence[0]), bytes.count - index) {
            let start = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if start + sequence.count <= bytes.count, bytes[start..<(start + sequence.count)].elementsEqual(sequence) { return true }
            index = start + 1
        }
        return false
    }

    /// A multi-line raw string literal holding `text` exactly (used to embed the OpenAPI document).
    public static func multilineRawLiteral(_ text: String) -> String {
        let hashes = String(repeating: "#", count: max(1, hashCount(for: text)))
        // Cut by index: `dropLast()` resolves to `Collection`'s, which counts the characters of
        // the whole document first.
        let body = text.hasSuffix("\n") ? String(text[..<text.index(before: text.endIndex)]) : text
        // Appended into one buffer: the document is megabytes, and each `+` copied it again.
        var literal = ""
        literal.reserveCapacity(body.utf8.count + 2 * hashes.utf8.count + 8)
        for part in [hashes, "\"\"\"\n", body, "\n\"\"\"", hashes] { literal += part }
        return literal
    }

    /// The smallest number of `#` such that neither `"#...` nor `\#...` occurs in the text: one
    /// more than the longest run of `#` right after a `"` or `\`. Jumps from `#` to `#` with the
    /// C library's `memchr` (a `#` is rare in the text embedded, the OpenAPI document): a Swift
    /// loop over every byte was 3 % of a debug build's generation, `String.contains` 7 %.
    static func hashCount(for text: String) -> Int {
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress else { return 1 }
            let hash = UInt8(ascii: "#"), quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
            var longest = 0, index = 0
            while index < bytes.count, let found = memchr(base + index, Int32(hash), bytes.count - index) {
                var end = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                let start = end
                while end < bytes.count, bytes[end] == hash { end += 1 }
                if start > 0, bytes[start - 1] == quote || bytes[start - 1] == backslash { longest = max(longest, end - start) }
                index = end
            }
            return longest + 1
        }
    }

    /// Documentation comment lines (without `///`) for a description.
    public static func docLines(_ description: String) -> [String] {
        description.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
    }

    static let keywords: Set<String> = [
        "associatedtype", "class", "deinit", "enum", "extension", "fileprivate", "func", "import", "init", "inout",
        "internal", "let", "open", "operator", "private", "precedencegroup", "protocol", "public", "rethrows",
        "static", "struct", "subscript", "typealias", "var", "break", "case", "catch", "continue", "default",
        "defer", "do", "else", "fallthrough", "for", "guard", "if", "in", "repeat", "return", "throw", "switch",
        "where", "while", "as", "false", "is", "nil", "self", "super", "throws", "true", "try", "await", "any",
        "some", "Self", "Type", "Protocol",
    ]
}
