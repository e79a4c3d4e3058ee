import Foundation

/// Request ids: a client's `X-Request-Id` is echoed when it is safe to log and to put in a
/// header (1 to 128 characters of letters, digits, `-`, `_`, `.`, `:`); otherwise a new one is made.
public enum RequestIdentifier {
    /// The id to use for a request carrying `clientValue`.
    public static func accepting(_ clientValue: String?) -> String {
        if let value = clientValue, isValid(value) { return value }
        return RequestIdentifierGenerator.shared.next()
    }

    /// Whether a client-supplied id is acceptable.
    public static func isValid(_ value: String) -> Bool {
        let utf8 = value.utf8
        guard !utf8.isEmpty, utf8.count <= 128 else { return false }
        return utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"),
                UInt8(ascii: "."), UInt8(ascii: ":"):
                return true
            default:
                return false
            }
        }
    }
}
