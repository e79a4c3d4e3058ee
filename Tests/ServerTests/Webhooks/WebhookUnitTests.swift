import Foundation
import Runtime
import SchemaModel
import Testing
@testable import Webhooks

/// The pure parts of delivery: the SSRF address rules, Standard Webhooks signing, secrets and
/// the retry schedule.
@Suite("Webhook signing, addresses and retries")
struct WebhookUnitTests {
    /// Addresses no delivery may go to, with loopback refused (the default).
    static let refused: [String] = [
        "127.0.0.1", "127.255.255.254", "0.0.0.0", "0.1.2.3", "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.255",
        "192.168.0.1", "192.168.255.255", "169.254.169.254", "169.254.0.1", "100.64.0.1", "100.127.255.255", "192.0.0.8",
        "198.18.0.1", "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255",
        "::1", "::", "fe80::1", "febf::1", "fc00::1", "fd12:3456::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
        "::ffff:169.254.169.254", "::ffff:192.168.1.1", "::127.0.0.1", "64:ff9b::a9fe:a9fe", "2001:db8::1", "fec0::1",
    ]

    /// Public addresses deliveries may reach.
    static let allowed = ["93.184.215.14", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700::1111", "2001:4860:4860::8888"]

    @Test("at least 25 loopback, private, link-local, CGNAT, unique-local, multicast, unspecified and mapped addresses are refused")
    func refusedAddresses() throws {
        #expect(Self.refused.count >= 25)
        for text in Self.refused {
            let address = try #require(try AddressGuardProbe.bytes(text), "\(text) parses")
            #expect(AddressRules.refusal(address, allowLoopback: false) != nil, "\(text) must be refused")
        }
        for text in Self.allowed {
            let address = try #require(try AddressGuardProbe.bytes(text))
            #expect(AddressRules.refusal(address, allowLoopback: false) == nil, "\(text) must be allowed")
        }
    }

    @Test("loopback passes only with the opt-in; private addresses never do")
    func loopbackOptIn() throws {
        for text in ["127.0.0.1", "::1", "::ffff:127.0.0.1"] {
            #expect(AddressRules.refusal(try #require(try AddressGuardProbe.bytes(text)), allowLoopback: true) == nil, "\(text)")
        }
        for text in ["10.0.0.1", "169.254.169.254", "fe80::1", "::ffff:10.0.0.1"] {
            #expect(AddressRules.refusal(try #require(try AddressGuardProbe.bytes(text)), allowLoopback: true) != nil, "\(text)")
        }
    }

    @Test("the guard refuses other schemes, hosts resolving to refused addresses, and pins http to the checked address")
    func guardTargets() async throws {
        let strict = AddressGuard(allowLoopback: false)
        for url in ["ftp://example.com/x", "file:///etc/passwd", "http://127.0.0.1:8080/hook", "http://localhost/hook", "http://[::1]/hook",
                    "http://169.254.169.254/latest/meta-data", "https://10.1.2.3/x", "http://0x7f000001/"] {
            await #expect(throws: WebhookConfigurationError.self, "\(url)") { _ = try await strict.target(for: URL(string: url)!) }
        }
        let target = try await AddressGuard(allowLoopback: true).target(for: URL(string: "http://localhost:9999/hook?a=1")!)
        #expect(["127.0.0.1", "[0:0:0:0:0:0:0:1]"].contains(target.url.host.map { $0.contains(":") ? "[\($0)]" : $0 } ?? ""), "\(target.url)")
        #expect(target.host == "localhost:9999")
        #expect(target.url.path == "/hook" && target.url.query == "a=1")
        #expect(target.pinnedAddress == nil, "http carries the address in its URL")
    }

    @Test("https keeps its URL (TLS checks the name) and names the checked address its connection must go to")
    func guardPinsHTTPS() async throws {
        let open = AddressGuard(allowLoopback: true)
        let target = try await open.target(for: URL(string: "https://localhost:8443/hook")!)
        #expect(target.url.absoluteString == "https://localhost:8443/hook")
        #expect(target.host == nil)
        #expect(["127.0.0.1", "0:0:0:0:0:0:0:1"].contains(target.pinnedAddress ?? ""), "\(String(describing: target.pinnedAddress))")
        #expect(try await open.target(for: URL(string: "https://127.0.0.1:8443/hook")!).pinnedAddress == nil, "an address is its own pin")
        await #expect(throws: WebhookConfigurationError.self) { _ = try await AddressGuard(allowLoopback: false).target(for: URL(string: "https://localhost/hook")!) }
    }

    @Test("https clients: one per host and checked address, replaced when the address changes, at most pinnedLimit hosts")
    func pinnedClients() async throws {
        let clients = DeliveryClients(configuration: DeliveryService.clientConfiguration(.init(timeoutSeconds: 5, connectTimeoutSeconds: 2, retrySchedule: [1], jitterPercent: 0, maxConcurrencyPerEndpoint: 1)), drainTime: .zero, pinnedLimit: 2)
        let first = clients.pinned(host: "a.example", address: "93.184.216.34")
        #expect(clients.pinned(host: "a.example", address: "93.184.216.34") === first, "the same host and address reuse their client")
        #expect(clients.pinned(host: "a.example", address: "93.184.216.35") !== first, "a new address gets a new client")
        _ = clients.pinned(host: "b.example", address: "93.184.216.36")
        _ = clients.pinned(host: "c.example", address: "93.184.216.37")
        #expect(clients.pinnedHosts == ["b.example": "93.184.216.36", "c.example": "93.184.216.37"], "the least recently used host went")
        await clients.shutdown()
    }

    @Test("Standard Webhooks signature matches the specification's test vector; rotation sends both signatures")
    func signature() throws {
        let secret = try WebhookSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
        let signer = WebhookSigner(signature: .standardWebhooks)
        let headers = signer.headers(
            id: "msg_p5jXN8AQM9LWM0D4loKWxJek", timestamp: 1_614_265_330, body: Array(#"{"test": 2432232314}"#.utf8), secrets: [secret])
        let fields = Dictionary(uniqueKeysWithValues: headers.map { ($0.name, $0.value) })
        #expect(fields["webhook-signature"] == "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=")
        #expect(fields["webhook-id"] == "msg_p5jXN8AQM9LWM0D4loKWxJek")
        #expect(fields["webhook-timestamp"] == "1614265330")
        let rotated = signer.headers(id: "m", timestamp: 1, body: [], secrets: [WebhookSecret.generate(), secret])
        #expect(rotated.first { $0.name == "webhook-signature" }?.value.split(separator: " ").count == 2)
        let hmac = WebhookSigner(signature: .hmacSHA256(header: "X-Hub-Signature-256"))
            .headers(id: "m", timestamp: 1, body: Array("Hello, World!".utf8), secrets: [WebhookSecret(key: Array("It's a Secret to Everybody".utf8))])
        #expect(hmac.first?.value == "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17", "GitHub's documented vector")
    }

    @Test("a round claims several deliveries per slot, never more than the slots can attempt within the lease")
    func claimLimit() {
        var options = WebhookOptions()
        options.leaseMilliseconds = 60_000
        #expect(DeliveryLoop.claimLimit(concurrency: 4, timeoutSeconds: 15, options: options) == 12, "3 attempts of 15 s per slot fit in 60 s with one to spare")
        #expect(DeliveryLoop.claimLimit(concurrency: 4, timeoutSeconds: 1, options: options) == 32, "at most 8 per slot")
        #expect(DeliveryLoop.claimLimit(concurrency: 2, timeoutSeconds: 30, options: options) == 2, "one each when an attempt may take half the lease")
        #expect(DeliveryLoop.claimLimit(concurrency: 2, timeoutSeconds: 120, options: options) == 2)
        for (concurrency, timeout) in [(1, 1), (4, 15), (8, 20), (64, 59)] {
            let perSlot = DeliveryLoop.claimLimit(concurrency: concurrency, timeoutSeconds: timeout, options: options) / concurrency
            #expect(perSlot == 1 || Int64(perSlot * timeout * 1_000) < options.leaseMilliseconds, "\(concurrency) x \(timeout) s")
        }
    }

    @Test("the schema validator and the runtime match event patterns alike")
    func patternsAgree() {
        let patterns = ["*", "tasks.*", "tasks.created", "task.*", "tasks", "tasks.created.*", ".*", "*.created"]
        let types = ["tasks.created", "tasks.updated", "projects.created", "tasks_archive.created", "tasks"]
        for pattern in patterns {
            for type in types {
                #expect(
                    WebhookSettings.pattern(pattern, matches: type) == WebhookStaticSubscriptionConfig.pattern(pattern, matches: type),
                    "\(pattern) against \(type)")
            }
        }
        #expect(WebhookSettings.pattern("tasks.*", matches: "tasks.created"))
        #expect(!WebhookSettings.pattern("tasks.*", matches: "tasks_archive.created"))
    }

    @Test("secrets are whsec_ and 24 to 64 bytes of base64")
    func secrets() {
        #expect(throws: WebhookConfigurationError.self) { try WebhookSecret("MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw") }
        #expect(throws: WebhookConfigurationError.self) { try WebhookSecret("whsec_" + Data(count: 16).base64EncodedString()) }
        #expect(throws: WebhookConfigurationError.self) { try WebhookSecret("whsec_" + Data(count: 65).base64EncodedString()) }
        #expect(throws: WebhookConfigurationError.self) { try WebhookSecret("whsec_not base64!") }
        let generated = WebhookSecret.generate()
        #expect(generated.key.count == 32)
        #expect((try? WebhookSecret(generated.text)) == generated)
    }

    @Test("retries follow the schedule within the jitter, honour Retry-After, and stop when it is used up")
    func retries() {
        let policy = RetryPolicy(schedule: [5, 300, 1_800, 7_200, 18_000, 36_000, 36_000], jitterPercent: 20)
        for (index, base) in policy.schedule.enumerated() {
            for _ in 0..<50 {
                let delay = policy.delay(afterFailedAttempts: index + 1, retryAfter: nil) ?? -1
                #expect(delay >= Double(base) * 0.8 && delay <= Double(base) * 1.2, "retry \(index + 1): \(delay)")
            }
        }
        #expect(policy.delay(afterFailedAttempts: 8, retryAfter: nil) == nil, "seven retries, then failed")
        #expect(policy.delay(afterFailedAttempts: 8, retryAfter: 10) == nil)
        #expect(policy.delay(afterFailedAttempts: 1, retryAfter: 120) == 120)
        #expect(policy.delay(afterFailedAttempts: 1, retryAfter: 10_000_000) == TimeInterval(RetryPolicy.maximumRetryAfterSeconds))
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(RetryPolicy.retryAfterSeconds("120", now: now) == 120)
        #expect(RetryPolicy.retryAfterSeconds("Tue, 14 Nov 2023 22:15:00 GMT", now: now) == 100)
        #expect(RetryPolicy.retryAfterSeconds("soon", now: now) == nil)
        #expect(RetryPolicy.retryAfterSeconds("-3", now: now) == nil)
    }
}

/// Text addresses as the bytes `AddressRules` reads.
enum AddressGuardProbe {
    static func bytes(_ text: String) throws -> [UInt8]? {
        var v4 = in_addr()
        if inet_pton(AF_INET, text, &v4) == 1 { return withUnsafeBytes(of: &v4) { Array($0) } }
        var v6 = in6_addr()
        if inet_pton(AF_INET6, text, &v6) == 1 { return withUnsafeBytes(of: &v6) { Array($0) } }
        return nil
    }
}

/// Per-record targets in the outbox hook: a targeted type needs a target, an untargeted one
/// refuses one, and a flat body spreads the data's members between `event` and `timestamp`.
@Suite("Webhook targets in the outbox")
struct WebhookTargetOutboxTests {
    static let settings = WebhookSettings(
        tenantScoped: false, signature: .standardWebhooks,
        delivery: .init(timeoutSeconds: 5, connectTimeoutSeconds: 5, retrySchedule: [5], jitterPercent: 0, maxConcurrencyPerEndpoint: 1),
        events: [],
        customEvents: [
            .init(type: "job.done", description: "Done.", target: .init(signature: .hmacSHA256(header: "X-Signature"), retrySchedule: [1, 5, 30], jitterPercent: 0, body: .flat)),
            .init(type: "job.noted", description: "Noted."),
        ])

    static func hook() -> OutboxHook {
        OutboxHook(
            settings: settings, subscriptions: [], signal: DeliverySignal(),
            clock: WebhookClock { Date(timeIntervalSince1970: 1_800_000_000) }, stored: false)
    }

    static func event(_ type: String, target: WebhookTarget?) -> EmittedEvent {
        EmittedEvent(type: type, data: RawJSON(validatedText: #"{"jobId":"j1","n":2}"#), identity: nil, requestID: nil, target: target)
    }

    @Test("a targeted event writes one message (the flat body) and one delivery with the URL and secret")
    func targeted() throws {
        let target = WebhookTarget(url: "https://example.com/cb", secret: "s3cret")
        let statements = try Self.hook().statements(for: Self.event("job.done", target: target), dialect: .sqlite)
        #expect(statements.count == 2)
        #expect(statements[0].binds[3] == .text(#"{"event":"job.done","jobId":"j1","n":2,"timestamp":"2027-01-15T08:00:00.000Z"}"#))
        #expect(statements[1].binds[2] == .text("target:job.done"))
        #expect(statements[1].binds.suffix(2) == [.text("https://example.com/cb"), .text("s3cret")])
        #expect(!"\(target)".contains("s3cret"), "a target never prints its secret")
    }

    @Test("a targeted type without a target, or an untargeted one with a target, fails the write")
    func refused() {
        #expect(throws: WebhookEventError.self) { try Self.hook().statements(for: Self.event("job.done", target: nil), dialect: .sqlite) }
        #expect(throws: WebhookEventError.self) {
            try Self.hook().statements(for: Self.event("job.noted", target: WebhookTarget(url: "https://example.com", secret: "s")), dialect: .sqlite)
        }
        #expect(Self.settings.allEventTypes == ["job.noted"], "subscriptions never see a targeted type")
    }
}
