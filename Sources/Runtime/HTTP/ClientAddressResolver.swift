import Foundation
import HTTPTypes
import Hummingbird
import NIOCore

/// Works out the client's IP address of a request: the peer's address, unless the peer is a
/// trusted proxy (`trustedProxies` in `app.json`, CIDR ranges; none by default), in which case
/// the forwarding headers name it. Rate limits use it, and the access log and audit are meant to
/// (one answer for "who is this client" across the server).
///
/// Behind trusted proxies the `Forwarded` header (RFC 7239, `for=`) is read when present, else
/// `X-Forwarded-For`; the addresses are walked from the right (nearest hop) and the first one
/// that is not a trusted proxy is the client. A client can prepend anything to these headers,
/// so only hops appended by trusted proxies are believed; when every hop is trusted, the
/// leftmost is the client.
public struct ClientAddressResolver: Sendable {
    /// The proxies whose forwarding headers are believed.
    public let trustedProxies: [CIDRRange]

    /// Creates a resolver; the generator checked the ranges, so one that does not parse is a
    /// programming error.
    public init(trustedProxies: [String] = []) {
        self.trustedProxies = trustedProxies.map { text in
            guard let range = CIDRRange(text) else { preconditionFailure("trusted proxy \(text) was validated by the generator but is invalid") }
            return range
        }
    }

    /// The client's address for a request from `peer` with `headers`; `nil` when the peer is
    /// unknown (router tests, Unix sockets).
    public func clientAddress(peer: SocketAddress?, headers: HTTPFields) -> String? {
        guard let peerAddress = peer?.ipAddress else { return nil }
        guard !trustedProxies.isEmpty, isTrusted(peerAddress) else { return peerAddress }
        let hops = forwardedHops(headers)
        for hop in hops.reversed() where !isTrusted(hop) {
            return hop
        }
        return hops.first ?? peerAddress
    }

    /// The client's address of a request served with `context`.
    public func clientAddress(of request: Request, context: LoomRequestContext) -> String? {
        clientAddress(peer: context.remoteAddress, headers: request.headers)
    }

    private func isTrusted(_ address: String) -> Bool {
        trustedProxies.contains { $0.contains(address: address) }
    }

    /// The forwarded addresses, leftmost (the original client's claim) first; hops that are not
    /// IP addresses (`unknown`, obfuscated names) end the list there, as nothing left of them can be believed.
    func forwardedHops(_ headers: HTTPFields) -> [String] {
        let forwarded = headers[values: .forwarded]
        let candidates: [String]
        if !forwarded.isEmpty {
            candidates = forwarded.flatMap { $0.split(separator: ",") }.compactMap { element in
                element.split(separator: ";").lazy.map { $0.trimmingCharacters(in: .whitespaces) }
                    .first { $0.lowercased().hasPrefix("for=") }.map { Self.forwardedAddress(String($0.dropFirst(4))) }
            }
        } else {
            candidates = headers[values: .xForwardedFor].flatMap { $0.split(separator: ",") }.map {
                $0.trimmingCharacters(in: .whitespaces)
            }
        }
        var hops: [String] = []
        for candidate in candidates.reversed() {
            guard CIDRRange.addressBytes(candidate) != nil else { break }
            hops.insert(candidate, at: 0)
        }
        return hops
    }

    /// `"[2001:db8::1]:4711"` → `2001:db8::1`, `192.0.2.1:80` → `192.0.2.1`, `192.0.2.1` as is.
    static func forwardedAddress(_ value: String) -> String {
        var text = value.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))
        if text.hasPrefix("[") {
            text = String(text.dropFirst().prefix { $0 != "]" })
        } else if text.filter({ $0 == ":" }).count == 1 {
            text = String(text.prefix { $0 != ":" })
        }
        return text
    }
}

extension HTTPField.Name {
    /// `Forwarded` (RFC 7239).
    public static let forwarded = HTTPField.Name("Forwarded")!
    /// `X-Forwarded-For`.
    public static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
}
