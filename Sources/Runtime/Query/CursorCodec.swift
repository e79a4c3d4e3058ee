import Crypto
import Foundation
import QueryGrammar
import ValueFormats

/// Opaque keyset cursors: the last row's sort values and primary key, plus the sort they
/// belong to (`CursorPayload`), signed with HMAC-SHA256 and written as base64url text. A cursor
/// is a position, not a page number, so rows inserted before it never shift the next page.
///
/// The signature makes a cursor the server's own word: a client cannot edit the position,
/// swap a value's type, or build one for a sort it was not made for; any such cursor is a 400.
/// Every instance serving one app must sign with the same key (`init(secret:)`), else a
/// cursor from one instance is refused by the next.
public struct CursorCodec: Sendable {
    /// Longest cursor text accepted (a cursor holds at most 8 sort values and a key).
    static let maxLength = 8192
    /// Bytes of the HMAC-SHA256 tag appended to the payload.
    private static let tagLength = SHA256.byteCount

    /// The signing key.
    private let key: SymmetricKey

    /// A codec whose key is derived from `secret` (an operator's `LOOM_CURSOR_SECRET` or the
    /// app's token secret), so instances sharing the secret share cursors.
    public init(secret: String) {
        let derived = HMAC<SHA256>.authenticationCode(for: Data("loom list cursor v1".utf8), using: SymmetricKey(data: Data(secret.utf8)))
        key = SymmetricKey(data: Data(derived))
    }

    /// A codec with a random key: cursors hold for this process only.
    public static func random() -> CursorCodec { CursorCodec(key: SymmetricKey(size: .bits256)) }

    private init(key: SymmetricKey) { self.key = key }

    /// Encodes `values` for the sort written as `sortText`.
    func encode(_ values: [SQLValue], sortText: String) -> String {
        var payload = Array(CursorPayload.format(sort: sortText, values: values.map(Self.payloadValue)).utf8)
        let tag = HMAC<SHA256>.authenticationCode(for: payload, using: key)
        payload.append(contentsOf: tag)
        return ValueFormats.base64URL(payload)
    }

    /// Decodes a cursor; `nil` when it is malformed, was not signed by this key (tampered) or
    /// was made for another sort.
    func decode(_ cursor: String, sortText: String) -> [SQLValue]? {
        guard cursor.utf8.count <= Self.maxLength else { return nil }
        guard let bytes = ValueFormats.bytes(base64URL: cursor), bytes.count > Self.tagLength else { return nil }
        let data = Data(bytes)
        let payload = data.prefix(data.count - Self.tagLength)
        let tag = data.suffix(Self.tagLength)
        guard HMAC<SHA256>.isValidAuthenticationCode(tag, authenticating: payload, using: key),
            let text = String(data: payload, encoding: .utf8), let (sort, values) = CursorPayload.parse(text), sort == sortText
        else { return nil }
        return values.map(Self.sqlValue)
    }

    private static func payloadValue(_ value: SQLValue) -> CursorPayload.Value {
        switch value {
        case .null: return .null
        case .integer(let integer): return .integer(integer)
        case .double(let double): return .double(double)
        case .text(let text): return .text(text)
        case .bool(let bool): return .bool(bool)
        case .uuid(let uuid): return .uuid(ValueFormats.lowercaseText(of: uuid))
        case .timestamp(let date): return .timestamp(Int64((date.timeIntervalSince1970 * 1000).rounded()))
        case .date(let date): return .date(date)
        case .json(let json): return .text(json)
        }
    }

    private static func sqlValue(_ value: CursorPayload.Value) -> SQLValue {
        switch value {
        case .null: return .null
        case .integer(let integer): return .integer(integer)
        case .double(let double): return .double(double)
        case .text(let text): return .text(text)
        case .bool(let bool): return .bool(bool)
        case .uuid(let text): return ValueFormats.uuid(text).map(SQLValue.uuid) ?? .null
        case .timestamp(let milliseconds): return .timestamp(Date(timeIntervalSince1970: Double(milliseconds) / 1000))
        case .date(let date): return .date(date)
        }
    }
}
