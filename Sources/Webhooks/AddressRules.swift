/// Which IP addresses a webhook may be delivered to: public unicast only. Refused are
/// loopback, private (10/8, 172.16/12, 192.168/16), link-local (169.254/16 with the cloud
/// metadata address, fe80::/10), CGNAT (100.64/10), unique-local (fc00::/7), multicast,
/// unspecified and reserved ranges, and IPv6 forms embedding a refused IPv4 address
/// (IPv4-mapped, IPv4-compatible, NAT64). Loopback passes only when the operator allows it
/// (tests with a receiver on 127.0.0.1).
public enum AddressRules {
    /// Why `address` (4 or 16 bytes) is refused, or `nil` when a delivery may go there.
    public static func refusal(_ address: [UInt8], allowLoopback: Bool) -> String? {
        switch address.count {
        case 4: return refusal(ipv4: address, allowLoopback: allowLoopback)
        case 16: return refusal(ipv6: address, allowLoopback: allowLoopback)
        default: return "not an IP address"
        }
    }

    private static func refusal(ipv4 a: [UInt8], allowLoopback: Bool) -> String? {
        switch (a[0], a[1]) {
        case (127, _): return allowLoopback ? nil : "loopback"
        case (0, _): return "unspecified (0.0.0.0/8)"
        case (10, _): return "private (10.0.0.0/8)"
        case (172, 16...31): return "private (172.16.0.0/12)"
        case (192, 168): return "private (192.168.0.0/16)"
        case (169, 254): return "link-local (169.254.0.0/16)"
        case (100, 64...127): return "shared address space (100.64.0.0/10)"
        case (192, 0) where a[2] == 0: return "IETF protocol assignments (192.0.0.0/24)"
        case (198, 18...19): return "benchmarking (198.18.0.0/15)"
        case (224...239, _): return "multicast (224.0.0.0/4)"
        case (240...255, _): return "reserved (240.0.0.0/4) or broadcast"
        default: return nil
        }
    }

    private static func refusal(ipv6 a: [UInt8], allowLoopback: Bool) -> String? {
        let zeroPrefix = a[0..<10].allSatisfy { $0 == 0 }
        if zeroPrefix, a[10] == 0xFF, a[11] == 0xFF {
            return refusal(ipv4: Array(a[12..<16]), allowLoopback: allowLoopback).map { "IPv4-mapped " + $0 }
        }
        if zeroPrefix, a[10] == 0, a[11] == 0 {
            if a[12..<15].allSatisfy({ $0 == 0 }) {
                if a[15] == 0 { return "unspecified (::)" }
                if a[15] == 1 { return allowLoopback ? nil : "loopback (::1)" }
            }
            return refusal(ipv4: Array(a[12..<16]), allowLoopback: allowLoopback).map { "IPv4-compatible " + $0 } ?? "IPv4-compatible (::/96)"
        }
        if a[0] == 0x00, a[1] == 0x64, a[2] == 0xFF, a[3] == 0x9B {
            return refusal(ipv4: Array(a[12..<16]), allowLoopback: false).map { "NAT64 " + $0 }
        }
        if a[0] == 0xFF { return "multicast (ff00::/8)" }
        if a[0] == 0xFE, a[1] & 0xC0 == 0x80 { return "link-local (fe80::/10)" }
        if a[0] == 0xFE, a[1] & 0xC0 == 0xC0 { return "site-local (fec0::/10)" }
        if a[0] & 0xFE == 0xFC { return "unique-local (fc00::/7)" }
        if a[0] == 0x20, a[1] == 0x01, a[2] == 0x0D, a[3] == 0xB8 { return "documentation (2001:db8::/32)" }
        return nil
    }
}
