import Foundation
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The SSRF guard run before every attempt: only http and https, the host resolved (A and
/// AAAA) off the event loops, and refused when any address is one `AddressRules` refuses.
/// A delivery then goes to the checked address itself, so a second lookup cannot move it
/// elsewhere: over http with the URL's host replaced by the address and the original name sent
/// as `Host`; over https with the URL as it is, through a client that connects the name to the
/// address while TLS sends and verifies the name (`DeliveryClients`).
public struct AddressGuard: Sendable {
    /// Whether loopback addresses pass (tests with a receiver on 127.0.0.1); off by default,
    /// and the module logs a warning when it is on.
    public let allowLoopback: Bool

    /// Creates a guard.
    public init(allowLoopback: Bool) {
        self.allowLoopback = allowLoopback
    }

    /// Where to send a delivery for `url`.
    public struct Target: Sendable {
        /// The URL to request: an http URL's host replaced by the checked address.
        public let url: URL
        /// The `Host` field to send, when the URL's host was replaced.
        public let host: String?
        /// An https URL's checked address (text), which the connection must go to; `nil` for
        /// http (already in `url`) and for a host that is itself an address.
        public var pinnedAddress: String? = nil
    }

    /// Checks `url` and resolves it to a target.
    /// - Throws: `WebhookConfigurationError` (`refused-url`) naming the reason.
    public func target(for url: URL) async throws(WebhookConfigurationError) -> Target {
        guard let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https" else {
            throw refused("only http and https URLs are allowed")
        }
        guard let host = url.host, !host.isEmpty else { throw refused("the URL has no host") }
        let name = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let addresses: [[UInt8]]
        do {
            addresses = try await NIOThreadPool.singleton.runIfActive { try Self.resolve(name) }
        } catch {
            throw refused("the host \(name) does not resolve")
        }
        guard !addresses.isEmpty else { throw refused("the host \(name) does not resolve") }
        for address in addresses {
            if let reason = AddressRules.refusal(address, allowLoopback: allowLoopback) {
                throw refused("the host \(name) resolves to a refused address: \(reason)")
            }
        }
        let address = addresses[0]
        let text = address.count == 4 ? address.map(String.init).joined(separator: ".") : Self.ipv6Text(address)
        guard scheme == "http" else {
            return Target(url: url, host: nil, pinnedAddress: text == name ? nil : text)
        }
        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return Target(url: url, host: nil) }
        components.host = address.count == 4 ? text : "[" + text + "]"
        guard let pinned = components.url else { return Target(url: url, host: nil) }
        return Target(url: pinned, host: url.port.map { "\(host):\($0)" } ?? host)
    }

    private func refused(_ message: String) -> WebhookConfigurationError {
        WebhookConfigurationError(code: .refusedURL, message: message)
    }

    /// Every A and AAAA address of `name` (an IP literal resolves to itself).
    static func resolve(_ name: String) throws -> [[UInt8]] {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Darwin)
        hints.ai_socktype = SOCK_STREAM
        #else
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(name, nil, &hints, &list) == 0, let first = list else {
            throw WebhookConfigurationError(code: .refusedURL, message: "cannot resolve \(name)")
        }
        defer { freeaddrinfo(first) }
        var addresses: [[UInt8]] = []
        var entry: UnsafeMutablePointer<addrinfo>? = first
        while let current = entry {
            if let socket = current.pointee.ai_addr {
                if current.pointee.ai_family == AF_INET {
                    socket.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { pointer in
                        var address = pointer.pointee.sin_addr
                        addresses.append(withUnsafeBytes(of: &address) { Array($0) })
                    }
                } else if current.pointee.ai_family == AF_INET6 {
                    socket.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { pointer in
                        var address = pointer.pointee.sin6_addr
                        addresses.append(withUnsafeBytes(of: &address) { Array($0) })
                    }
                }
            }
            entry = current.pointee.ai_next
        }
        return addresses
    }

    /// The full (uncompressed) text form of a 16-byte address.
    static func ipv6Text(_ address: [UInt8]) -> String {
        stride(from: 0, to: 16, by: 2).map { String(UInt16(address[$0]) << 8 | UInt16(address[$0 + 1]), radix: 16) }.joined(separator: ":")
    }
}
