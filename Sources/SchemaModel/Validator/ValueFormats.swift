import Foundation

/// The string formats of typed fields, as the generated server checks them.
enum ValueFormats {
    /// Why `string` is not in the format of `type` (a phrase following the quoted value), or
    /// `nil` when it is, or when the type has no format.
    static func problem(with string: String, for type: FieldType) -> String? {
        switch type {
        case .uuid:
            return isUUID(string) ? nil : "is not a UUID such as \"123e4567-e89b-12d3-a456-426614174000\""
        case .date:
            return isDate(string) ? nil : "is not a calendar date in the form YYYY-MM-DD, e.g. \"2024-01-31\""
        case .datetime:
            return isDateTime(string)
                ? nil : "is not a UTC date-time such as \"2024-01-31T12:00:00Z\" or \"2024-01-31T12:00:00.000Z\""
        case .email:
            return isEmail(string) ? nil : "is not an email address such as \"ada@example.com\""
        case .url:
            return isHTTPURL(string) ? nil : "is not an absolute http or https URL such as \"https://example.com\""
        default:
            return nil
        }
    }

    /// `8-4-4-4-12` hexadecimal digits, either case.
    static func isUUID(_ string: String) -> Bool {
        let bytes = Array(string.utf8)
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(index) {
                guard byte == UInt8(ascii: "-") else { return false }
            } else if !isHexDigit(byte) {
                return false
            }
        }
        return true
    }

    /// `YYYY-MM-DD` naming a day that exists (leap years included).
    static func isDate(_ string: String) -> Bool {
        let bytes = Array(string.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            let year = digits(bytes, 0..<4), let month = digits(bytes, 5..<7), let day = digits(bytes, 8..<10),
            (1...12).contains(month)
        else { return false }
        let isLeapYear = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let daysInMonth = [31, isLeapYear ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]
        return (1...daysInMonth).contains(day)
    }

    /// `YYYY-MM-DDTHH:MM:SS[.fraction]Z` in UTC, with 1 to 9 fraction digits.
    static func isDateTime(_ string: String) -> Bool {
        let bytes = Array(string.utf8)
        guard bytes.count >= 20, isDate(String(decoding: bytes[0..<10], as: UTF8.self)), bytes[10] == UInt8(ascii: "T"),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"), bytes.last == UInt8(ascii: "Z"),
            let hour = digits(bytes, 11..<13), let minute = digits(bytes, 14..<16), let second = digits(bytes, 17..<19),
            hour < 24, minute < 60, second < 60
        else { return false }
        let fraction = bytes[19..<(bytes.count - 1)]
        if fraction.isEmpty { return true }
        return fraction.first == UInt8(ascii: ".") && (2...10).contains(fraction.count)
            && fraction.dropFirst().allSatisfy(isDigit)
    }

    /// `local@domain.tld` without spaces; deliberately simple, as full RFC 5322 is not useful here.
    static func isEmail(_ string: String) -> Bool {
        let parts = string.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !string.contains(where: { $0.isWhitespace }) else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }
    }

    /// An absolute `http` or `https` URL with a host.
    static func isHTTPURL(_ string: String) -> Bool {
        guard !string.contains(where: { $0.isWhitespace }), let components = URLComponents(string: string),
            let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
            let host = components.host, !host.isEmpty
        else { return false }
        return true
    }

    private static func digits(_ bytes: [UInt8], _ range: Range<Int>) -> Int? {
        var value = 0
        for byte in bytes[range] {
            guard isDigit(byte) else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDigit(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
    }
}
