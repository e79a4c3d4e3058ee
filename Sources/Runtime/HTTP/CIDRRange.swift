#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#else
import Darwin
#endif

/// An IP range in CIDR notation (`10.0.0.0/8`, `2001:db8::/32`, or one address), for API key
/// allowlists and trusted proxies (`ClientAddressResolver`). IPv4-mapped IPv6 addresses
/// (`::ffff:10.1.2.3`) match IPv4 ranges.
public struct CIDRRange: Sendable, Hashable {
    /// Network address bytes (4 or 16).
    public let network: [UInt8]
    /// Prefix length in bits.
    public let prefixLength: Int

    /// Parses `text`; `nil` when it is not an address with an optional `/length` in range.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let address = Self.addressBytes(String(parts[0])) else { return nil }
        let maximum = address.count * 8
        var length = maximum
        if parts.count == 2 {
            guard let parsed = Int(parts[1]), parsed >= 0, parsed <= maximum, parts[1].allSatisfy(\.isNumber) else { return nil }
            length = parsed
        }
        network = Self.masked(address, prefixLength: length)
        prefixLength = length
    }

    /// The canonical text (`10.0.0.0/8`), stored and returned in API responses.
    public var text: String {
        Self.format(network) + "/" + String(prefixLength)
    }

    /// Whether the address `text` lies in the range.
    public func contains(address text: String) -> Bool {
        guard let address = Self.addressBytes(text), address.count == network.count else { return false }
        return Self.masked(address, prefixLength: prefixLength) == network
    }

    /// The 4 or 16 bytes of an IPv4 or IPv6 address; IPv4-mapped IPv6 becomes IPv4.
    public static func addressBytes(_ text: String) -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 {
            return withUnsafeBytes(of: &v4) { Array($0) }
        }
        var v6 = in6_addr()
        guard inet_pton(AF_INET6, text, &v6) == 1 else { return nil }
        let bytes = withUnsafeBytes(of: &v6) { Array($0) }
        if bytes[0..<10].allSatisfy({ $0 == 0 }), bytes[10] == 0xff, bytes[11] == 0xff { return Array(bytes[12...]) }
        return bytes
    }

    private static func masked(_ address: [UInt8], prefixLength: Int) -> [UInt8] {
        address.enumerated().map { index, byte in
            let bitsBefore = index * 8
            if prefixLength >= bitsBefore + 8 { return byte }
            if prefixLength <= bitsBefore { return 0 }
            return byte & ~(UInt8(0xff) >> UInt8(prefixLength - bitsBefore))
        }
    }

    private static func format(_ bytes: [UInt8]) -> String {
        if bytes.count == 4 { return bytes.map(String.init).joined(separator: ".") }
        var groups: [String] = []
        for index in stride(from: 0, to: 16, by: 2) {
            groups.append(String(UInt16(bytes[index]) << 8 | UInt16(bytes[index + 1]), radix: 16))
        }
        return groups.joined(separator: ":")
    }
}
