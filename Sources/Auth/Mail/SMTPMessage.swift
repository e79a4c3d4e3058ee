import Foundation

/// Builds the RFC 5322 text of one message for SMTP `DATA`, safe against header injection:
/// addresses must be plain `local@domain` (no CR, LF, spaces, angle brackets or commas), the
/// subject's line breaks become spaces and non-ASCII subjects are RFC 2047 encoded, every line
/// ends in CRLF, and lines starting with "." are dot-stuffed.
struct SMTPMessage: Sendable {
    /// Envelope and `From` address.
    let from: String
    /// Envelope and `To` address.
    let to: String
    /// The `DATA` payload without the terminating `.` line: headers, blank line, body, CRLF
    /// line endings, dot-stuffed.
    let data: String

    /// Builds the message.
    /// - Throws: `MailDeliveryError` (`invalidAddress`) for an address that could smuggle a
    ///   header or an SMTP command.
    init(from: String, message: MailMessage, date: Date, messageID: String) throws {
        guard Self.isPlainAddress(from) else { throw MailDeliveryError(code: .invalidAddress, message: "the From address is not a plain address") }
        guard Self.isPlainAddress(message.to) else {
            throw MailDeliveryError(code: .invalidAddress, message: "the recipient address is not a plain address")
        }
        self.from = from
        self.to = message.to
        let domain = from.split(separator: "@").last.map(String.init) ?? "localhost"
        var lines = [
            "From: <\(from)>",
            "To: <\(message.to)>",
            "Subject: " + Self.subject(message.subject),
            "Date: " + Self.rfc5322Date(date),
            "Message-ID: <\(messageID)@\(domain)>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
        ]
        let bodyLines = Self.lines(message.body)
        if message.body.unicodeScalars.allSatisfy(\.isASCII) && bodyLines.allSatisfy({ $0.utf8.count <= 998 }) {
            lines.append("Content-Transfer-Encoding: 7bit")
            lines.append("")
            lines.append(contentsOf: bodyLines)
        } else {
            lines.append("Content-Transfer-Encoding: base64")
            lines.append("")
            let encoded = Data(bodyLines.joined(separator: "\r\n").utf8).base64EncodedString()
            var index = encoded.startIndex
            while index < encoded.endIndex {
                let end = encoded.index(index, offsetBy: 76, limitedBy: encoded.endIndex) ?? encoded.endIndex
                lines.append(String(encoded[index..<end]))
                index = end
            }
        }
        self.data = lines.map { $0.hasPrefix(".") ? "." + $0 : $0 }.joined(separator: "\r\n") + "\r\n"
    }

    /// Whether `address` is `local@domain` made of printable ASCII without the characters that
    /// end an address or a line (space, `<`, `>`, `,`, `;`, `"`, `(`, `)`, `\`, CR, LF).
    static func isPlainAddress(_ address: String) -> Bool {
        let forbidden: Set<UInt8> = Set(" <>,;\"()\\:[]".utf8)
        let bytes = Array(address.utf8)
        guard bytes.count <= 254, bytes.allSatisfy({ $0 > 32 && $0 < 127 && !forbidden.contains($0) }) else { return false }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && !parts[1].isEmpty
    }

    /// The body split into lines on CRLF, CR or LF.
    static func lines(_ text: String) -> [String] {
        text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    /// The subject on one line; non-ASCII text as an RFC 2047 `=?utf-8?B?...?=` encoded word.
    static func subject(_ text: String) -> String {
        let flat = String(text.unicodeScalars.map { $0 == "\r" || $0 == "\n" || $0 == "\t" ? " " : Character($0) }.prefix(200))
        guard flat.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 32 && $0.value < 127 }) else {
            return "=?utf-8?B?" + Data(flat.utf8).base64EncodedString() + "?="
        }
        return flat
    }

    /// `Mon, 23 Nov 2026 19:20:04 +0000`.
    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }
}
