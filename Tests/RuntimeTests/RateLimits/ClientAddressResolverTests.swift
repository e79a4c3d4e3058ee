import HTTPTypes
import NIOCore
import Runtime
import Testing

/// Who the client is: the peer, unless a trusted proxy forwarded the request.
@Suite("Client address")
struct ClientAddressResolverTests {
    static let peer = try! SocketAddress(ipAddress: "10.0.0.5", port: 443)
    static let outsider = try! SocketAddress(ipAddress: "203.0.113.9", port: 443)

    static func headers(_ fields: [(String, String)]) -> HTTPFields {
        var headers = HTTPFields()
        for (name, value) in fields { headers.append(HTTPField(name: HTTPField.Name(name)!, value: value)) }
        return headers
    }

    @Test("without trusted proxies (the default) forwarding headers are ignored")
    func offByDefault() {
        let resolver = ClientAddressResolver()
        #expect(resolver.clientAddress(peer: Self.peer, headers: Self.headers([("X-Forwarded-For", "198.51.100.1")])) == "10.0.0.5")
        #expect(resolver.clientAddress(peer: nil, headers: [:]) == nil)
    }

    @Test("behind a trusted proxy the nearest untrusted X-Forwarded-For hop is the client; what a client prepends is not believed")
    func forwardedFor() {
        let resolver = ClientAddressResolver(trustedProxies: ["10.0.0.0/8"])
        let spoofed = Self.headers([("X-Forwarded-For", "1.2.3.4, 198.51.100.1, 10.0.0.7")])
        #expect(resolver.clientAddress(peer: Self.peer, headers: spoofed) == "198.51.100.1")
        #expect(resolver.clientAddress(peer: Self.outsider, headers: spoofed) == "203.0.113.9", "an untrusted peer is the client")
        #expect(resolver.clientAddress(peer: Self.peer, headers: Self.headers([("X-Forwarded-For", "10.0.0.8")])) == "10.0.0.8")
        #expect(resolver.clientAddress(peer: Self.peer, headers: [:]) == "10.0.0.5")
        #expect(resolver.clientAddress(peer: Self.peer, headers: Self.headers([("X-Forwarded-For", "not-an-ip, 198.51.100.2")])) == "198.51.100.2")
    }

    @Test("Forwarded (RFC 7239) wins over X-Forwarded-For; ports and brackets are dropped")
    func forwarded() {
        let resolver = ClientAddressResolver(trustedProxies: ["10.0.0.0/8"])
        let headers = Self.headers([
            ("Forwarded", #"for=192.0.2.60;proto=http, for="[2001:db8:cafe::17]:4711""#), ("X-Forwarded-For", "198.51.100.1"),
        ])
        #expect(resolver.clientAddress(peer: Self.peer, headers: headers) == "2001:db8:cafe::17")
        let v4 = Self.headers([("Forwarded", "for=192.0.2.43:8080;by=10.0.0.1")])
        #expect(resolver.clientAddress(peer: Self.peer, headers: v4) == "192.0.2.43")
    }
}
