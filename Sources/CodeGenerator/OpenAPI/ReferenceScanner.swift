import Foundation

/// The `$ref` values of a JSON text, read from the text without parsing it: `DocumentChecks`
/// needs the references of every generated document, and parsing a document of 50 tables into
/// `Any` to find them was 7 % of a generation.
///
/// A `"$ref"` key is found by jumping from `$` to `$` (the text is large, the sign rare), then the
/// string value after its colon is read. Inside a JSON string a quote is escaped, so `"$ref"` followed by a colon
/// can only be a key; one preceded by a backslash is skipped as the end of an escaped quote.
enum ReferenceScanner {
    /// Every distinct `$ref` value of `json`, unescaped. A value whose escapes do not decode is
    /// kept as it is written (it then resolves to nothing and is reported).
    static func references(in json: String) -> Set<String> {
        var text = json
        return text.withUTF8 { bytes in references(in: bytes) }
    }

    private static let key = Array(#""$ref""#.utf8)

    private static func references(in bytes: UnsafeBufferPointer<UInt8>) -> Set<String> {
        guard let base = bytes.baseAddress else { return [] }
        var references = Set<String>()
        var offset = 1
        // From `$` to `$` (`memchr`): a loop over every byte is slow in the debug build `loom` runs as.
        while offset < bytes.count, let found = memchr(base + offset, Int32(UInt8(ascii: "$")), bytes.count - offset) {
            let dollar = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            offset = dollar + 1
            let start = dollar - 1, end = start + key.count
            guard start >= 0, end <= bytes.count, memcmp(base + start, key, key.count) == 0 else { continue }
            if start > 0, bytes[start - 1] == UInt8(ascii: "\\") { continue }
            guard let (reference, after) = stringValue(after: end, in: bytes) else { continue }
            references.insert(reference)
            offset = after
        }
        return references
    }

    /// The string after `: ` at `offset` and the offset after its closing quote; `nil` when what
    /// follows is not a colon and a string.
    private static func stringValue(after offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> (String, Int)? {
        var index = skippingSpace(from: offset, in: bytes)
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
        index = skippingSpace(from: index + 1, in: bytes)
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { return nil }
        let opening = index
        guard let base = bytes.baseAddress,
            let found = memchr(base + opening + 1, Int32(UInt8(ascii: "\"")), bytes.count - opening - 1)
        else { return nil }
        index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
        // A backslash before the first quote may escape it: then the value is read byte by byte.
        let escaped = memchr(base + opening + 1, Int32(UInt8(ascii: "\\")), index - opening - 1) != nil
        if escaped {
            index = opening + 1
            while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
            }
            guard index < bytes.count else { return nil }
        }
        let quoted = UnsafeBufferPointer(rebasing: bytes[opening...index])
        let inner = UnsafeBufferPointer(rebasing: bytes[(opening + 1)..<index])
        guard escaped else { return (String(decoding: inner, as: UTF8.self), index + 1) }
        let decoded = try? JSONDecoder().decode(String.self, from: Data(quoted))
        return (decoded ?? String(decoding: inner, as: UTF8.self), index + 1)
    }

    private static func skippingSpace(from offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var index = offset
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\t"), UInt8(ascii: "\r"): index += 1
            default: return index
            }
        }
        return index
    }
}
