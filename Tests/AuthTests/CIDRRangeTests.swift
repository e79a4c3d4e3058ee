import Testing

import Runtime

/// CIDR allowlists of API keys.
@Suite("CIDR ranges")
struct CIDRRangeTests {
    @Test("IPv4 ranges contain exactly their addresses")
    func ipv4() throws {
        let range = try #require(CIDRRange("10.1.0.0/16"))
        #expect(range.contains(address: "10.1.255.3"))
        #expect(!range.contains(address: "10.2.0.1"))
        #expect(range.text == "10.1.0.0/16")
        let widened = try #require(CIDRRange("10.1.2.3/8"))
        #expect(widened.text == "10.0.0.0/8")
        let single = try #require(CIDRRange("127.0.0.1"))
        #expect(single.contains(address: "127.0.0.1"))
        #expect(!single.contains(address: "127.0.0.2"))
        let everything = try #require(CIDRRange("0.0.0.0/0"))
        #expect(everything.contains(address: "203.0.113.9"))
    }

    @Test("IPv6 ranges, and IPv4-mapped IPv6 addresses against IPv4 ranges")
    func ipv6() throws {
        let range = try #require(CIDRRange("2001:db8::/32"))
        #expect(range.contains(address: "2001:db8:1::5"))
        #expect(!range.contains(address: "2001:db9::1"))
        #expect(!range.contains(address: "10.0.0.1"))
        let private10 = try #require(CIDRRange("10.0.0.0/8"))
        #expect(private10.contains(address: "::ffff:10.9.8.7"))
        let loopback = try #require(CIDRRange("::1/128"))
        #expect(loopback.contains(address: "::1"))
    }

    @Test("refuses what is not an address with a prefix length in range", arguments: [
        "", "10.0.0.0/33", "10.0.0/8", "10.0.0.0/-1", "10.0.0.0/ 8", "2001:db8::/129", "example.com", "10.0.0.0/8/8",
    ])
    func invalid(_ text: String) {
        #expect(CIDRRange(text) == nil)
    }
}
