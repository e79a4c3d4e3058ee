/// The text inside a list cursor: the sort it belongs to and the last row's sort values and key,
/// each a tagged, length-prefixed field (`1` `5:title` `t3:abc` `i2:42` `n`). `Runtime`'s
/// `CursorCodec` signs it and encodes it as base64url; this part, which reads text a client
/// sent back, is dependency-free so `CursorFuzzer` can fuzz it alone.
public enum CursorPayload {
    /// One value of a cursor, typed as the column it came from.
    public enum Value: Sendable, Hashable {
        case null
        case integer(Int64)
        case double(Double)
        case text(String)
        case bool(Bool)
        /// A UUID in its lower-case text form.
        case uuid(String)
        /// Milliseconds since 1970 (a `datetime`).
        case timestamp(Int64)
        /// `YYYY-MM-DD`.
        case date(String)
    }

    /// Most values one cursor holds (8 sort keys and the primary key, with room to spare).
    public static let maximumValues = 16
    /// Longest field length accepted, in scalars.
    static let maximumFieldLength = 100_000

    /// The payload text for `values` of the sort written as `sort`.
    public static func format(sort: String, values: [Value]) -> String {
        var text = "1" + field(sort)
        for value in values { text += format(value) }
        return text
    }

    /// The sort and values of a payload, or `nil` when it is malformed.
    public static func parse(_ text: String) -> (sort: String, values: [Value])? {
        var reader = Reader(scalars: Array(text.unicodeScalars))
        guard reader.take() == "1", let sort = reader.field() else { return nil }
        var values: [Value] = []
        while !reader.atEnd {
            guard values.count < maximumValues, let value = reader.value() else { return nil }
            values.append(value)
        }
        return (sort, values)
    }

    private static func field(_ text: String) -> String { "\(text.unicodeScalars.count):" + text }

    private static func format(_ value: Value) -> String {
        switch value {
        case .null: return "n"
        case .integer(let integer): return "i" + field(String(integer))
        case .double(let double): return "d" + field(String(double))
        case .text(let text): return "t" + field(text)
        case .bool(let bool): return "b" + field(bool ? "1" : "0")
        case .uuid(let uuid): return "u" + field(uuid)
        case .timestamp(let milliseconds): return "s" + field(String(milliseconds))
        case .date(let date): return "D" + field(date)
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
            var digits = 0
            while let scalar = take(), scalar != ":" {
                guard ("0"..."9").contains(scalar), length <= CursorPayload.maximumFieldLength else { return nil }
                length = length * 10 + Int(scalar.value - 48)
                digits += 1
            }
            guard digits > 0, length <= CursorPayload.maximumFieldLength, index + length <= scalars.count else { return nil }
            defer { index += length }
            return String(String.UnicodeScalarView(scalars[index..<index + length]))
        }

        mutating func value() -> Value? {
            guard let tag = take() else { return nil }
            if tag == "n" { return .null }
            guard let text = field() else { return nil }
            switch tag {
            case "i": return Int64(text).map { .integer($0) }
            case "d": return Double(text).map { .double($0) }
            case "t": return .text(text)
            case "b": return text == "1" ? .bool(true) : text == "0" ? .bool(false) : nil
            case "u": return isUUID(text) ? .uuid(text) : nil
            case "s": return Int64(text).map { .timestamp($0) }
            case "D": return isDate(text) ? .date(text) : nil
            default: return nil
            }
        }

        /// 8-4-4-4-12 lower-case hexadecimal digits.
        private func isUUID(_ text: String) -> Bool {
            let scalars = Array(text.unicodeScalars)
            guard scalars.count == 36 else { return false }
            return scalars.enumerated().allSatisfy { offset, scalar in
                [8, 13, 18, 23].contains(offset) ? scalar == "-" : ("0"..."9").contains(scalar) || ("a"..."f").contains(scalar)
            }
        }

        /// `YYYY-MM-DD` digits (the database checks the calendar).
        private func isDate(_ text: String) -> Bool {
            let scalars = Array(text.unicodeScalars)
            guard scalars.count == 10 else { return false }
            return scalars.enumerated().allSatisfy { offset, scalar in
                offset == 4 || offset == 7 ? scalar == "-" : ("0"..."9").contains(scalar)
            }
        }
    }
}
