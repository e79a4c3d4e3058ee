import Foundation

extension ValueFormats {
    /// The UUID written as 36 characters: 8-4-4-4-12 hexadecimal digits (either case) joined by
    /// hyphens, the only form `UUID(uuidString:)` accepts; `nil` for anything else. Read byte by
    /// byte: Foundation parses with `sscanf` on Linux, about 2 % of an authenticated request,
    /// which reads several ids (session, user, organization) from text.
    public static func uuid(_ text: String) -> UUID? {
        var text = text
        return text.withUTF8 { characters -> UUID? in
            guard characters.count == 36 else { return nil }
            var bytes: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            let parsed = withUnsafeMutableBytes(of: &bytes) { output in
                var count = 0
                var index = 0
                while index < 36 {
                    if index == 8 || index == 13 || index == 18 || index == 23 {
                        guard characters[index] == UInt8(ascii: "-") else { return false }
                        index += 1
                        continue
                    }
                    guard let high = nibble(characters[index]), let low = nibble(characters[index + 1]) else { return false }
                    output[count] = high << 4 | low
                    count += 1
                    index += 2
                }
                return true
            }
            return parsed ? UUID(uuid: bytes) : nil
        }
    }

    /// `uuid` as 36 lower-case characters (the form Loom stores and answers), written byte by
    /// byte: Foundation formats with `sprintf` on Linux.
    public static func lowercaseText(of uuid: UUID) -> String {
        withUnsafeBytes(of: uuid.uuid) { bytes in
            String(unsafeUninitializedCapacity: 36) { output in
                var position = 0
                for (index, byte) in bytes.enumerated() {
                    if index == 4 || index == 6 || index == 8 || index == 10 {
                        output[position] = UInt8(ascii: "-")
                        position += 1
                    }
                    output[position] = lowercaseHexadecimalDigits[Int(byte >> 4)]
                    output[position + 1] = lowercaseHexadecimalDigits[Int(byte & 0x0f)]
                    position += 2
                }
                return position
            }
        }
    }
}
