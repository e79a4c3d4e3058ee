import Foundation

/// The text formats of typed string fields (email, URL, date, date-time, UUID), checked in one
/// place: the generator refuses schema defaults with them and the runtime refuses request
/// values with them, so a default the generator accepts is always one the server accepts.
public enum ValueFormats {
    /// RFC 5321's limit on a whole address (a path of 256 octets less its angle brackets).
    public static let maximumEmailLength = 254
    /// RFC 5321's limit on the part before the `@`.
    public static let maximumEmailLocalPartLength = 64
    /// The longest URL accepted; longer ones are refused by common clients and proxies anyway.
    public static let maximumURLLength = 2048

    /// `local@domain.tld`: one `@`, a local part of 1 to 64 bytes, a domain of at least two
    /// non-empty labels none of which starts or ends with `-`, no whitespace, 254 bytes at
    /// most. Deliberately simple: full RFC 5322 admits forms no mail system delivers to.
    public static func isEmail(_ text: String) -> Bool {
        guard text.utf8.count <= maximumEmailLength, !text.contains(where: \.isWhitespace) else { return false }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].utf8.count <= maximumEmailLocalPartLength else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty && !$0.hasPrefix("-") && !$0.hasSuffix("-") }
    }

    /// An absolute `http` or `https` URL (scheme in any case) with a host, without whitespace,
    /// 2048 bytes at most.
    public static func isHTTPURL(_ text: String) -> Bool {
        guard text.utf8.count <= maximumURLLength, !text.contains(where: \.isWhitespace),
            let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "http" || scheme == "https", let host = components.host, !host.isEmpty
        else { return false }
        return true
    }

    /// `YYYY-MM-DD` naming a day that exists (leap years included).
    public static func isDate(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { bytes in
            var cursor = AsciiCursor(bytes: bytes)
            guard let year = cursor.number(digits: 4), cursor.skip("-"), let month = cursor.number(digits: 2),
                cursor.skip("-"), let day = cursor.number(digits: 2), cursor.isAtEnd, (1...12).contains(month)
            else { return false }
            return (1...Gregorian.daysIn(month: month, year: year)).contains(day)
        }
    }

    /// An RFC 3339 date-time (see `DateTimeText` for the grammar).
    public static func isDateTime(_ text: String) -> Bool {
        DateTimeText.parse(text) != nil
    }

    /// `8-4-4-4-12` hexadecimal digits, either case (what `UUID(uuidString:)` reads).
    public static func isUUID(_ text: String) -> Bool {
        let bytes = text.utf8
        guard bytes.count == 36 else { return false }
        for (index, byte) in bytes.enumerated() {
            if index == 8 || index == 13 || index == 18 || index == 23 {
                guard byte == UInt8(ascii: "-") else { return false }
            } else if !isHexDigit(byte) {
                return false
            }
        }
        return true
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20)
    }
}
