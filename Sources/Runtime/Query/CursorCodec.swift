import Foundation

/// Opaque keyset cursors: the last row's sort values and primary key, plus the sort they
/// belong to, as base64url text. A cursor is a position, not a page number, so rows inserted
/// before it never shift the next page.
enum CursorCodec {
    /// Longest cursor text accepted (a cursor holds at most 8 sort values and a key).
    static let maxLength = 8192

    /// Encodes `values` for the sort written as `sortText`.
    static func encode(_ values: [SQLValue], sortText: String) -> String {
        var text = "1" + field(sortText)
        for value in values { text += encode(value) }
        return Data(text.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Decodes a cursor; `nil` when it is malformed or was made for another sort.
    static func decode(_ cursor: String, sortText: String) -> [SQLValue]? {
        guard cursor.utf8.count <= maxLength else { return nil }
        var base64 = cursor.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.utf8.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8) else { return nil }
        var reader = Reader(scalars: Array(text.unicodeScalars))
        guard reader.take() == "1", reader.field() == sortText else { return nil }
        var values: [SQLValue] = []
        while !reader.atEnd {
            guard values.count < 16, let value = reader.value() else { return nil }
            values.append(value)
        }
        return values
    }

    private static func field(_ text: String) -> String { "\(text.unicodeScalars.count):" + text }

    private static func encode(_ value: SQLValue) -> String {
        switch value {
        case .null: return "n"
        case .integer(let integer): return "i" + field(String(integer))
        case .double(let double): return "d" + field(String(double))
        case .text(let text): return "t" + field(text)
        case .bool(let bool): return "b" + field(bool ? "1" : "0")
        case .uuid(let uuid): return "u" + field(uuid.uuidString.lowercased())
        case .timestamp(let date): return "s" + field(String(Int64((date.timeIntervalSince1970 * 1000).rounded())))
        case .date(let date): return "D" + field(date)
        case .json(let json): return "t" + field(json)
        }
    }

    private struct Reader {
        let scalars: [Unicode.Scalar]
        var index = 0
        var atEnd: Bool { index >= scalars.count }

        mutating func take() -> Unicode.Scalar? {
            guard index < scalars.count else { return nil }
            defer { index += 1 }
            return scalars[index]
        }

        /// `<length>:<text>`.
        mutating func field() -> String? {
            var length = 0
            while let scalar = take(), scalar != ":" {
                guard let digit = Int(String(scalar)), length < 100_000 else { return nil }
                length = length * 10 + digit
            }
            guard index + length <= scalars.count else { return nil }
            defer { index += length }
            return String(String.UnicodeScalarView(scalars[index..<index + length]))
        }

        mutating func value() -> SQLValue? {
            guard let tag = take() else { return nil }
            if tag == "n" { return .null }
            guard let text = field() else { return nil }
            switch tag {
            case "i": return Int64(text).map { .integer($0) }
            case "d": return Double(text).map { .double($0) }
            case "t": return .text(text)
            case "b": return .bool(text == "1")
            case "u": return UUID(uuidString: text).map { .uuid($0) }
            case "s": return Int64(text).map { .timestamp(Date(timeIntervalSince1970: Double($0) / 1000)) }
            case "D": return .date(text)
            default: return nil
            }
        }
    }
}
