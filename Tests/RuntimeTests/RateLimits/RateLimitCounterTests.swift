import NIOConcurrencyHelpers
import NIOCore
import Runtime
import Testing

/// The in-process counter (a fixed window opened by a key's first request) and the choice of
/// policy and key per request.
@Suite("Rate-limit counting")
struct RateLimitCounterTests {
    static let policy = RateLimitPolicy(name: "default", quota: 3, window: 60)

    /// A clock tests move by hand.
    final class Clock: Sendable {
        let time = NIOLockedValueBox(NIODeadline.uptimeNanoseconds(1_000_000_000))
        func advance(seconds: Int64) { time.withLockedValue { $0 = $0 + .seconds(seconds) } }
        var now: NIODeadline { time.withLockedValue { $0 } }
    }

    @Test("a window holds the quota, counts down, refuses past it, and a new window opens when it ends")
    func fixedWindow() {
        let clock = Clock()
        let counter = InProcessRateLimitCounter(now: { clock.now })
        let decisions = (0..<4).map { _ in counter.countNow(key: "k", policy: Self.policy) }
        #expect(decisions.map(\.allowed) == [true, true, true, false])
        #expect(decisions.map(\.remaining) == [2, 1, 0, 0])
        #expect(decisions[0].limitFieldValue == #""default";r=2;t=60"#)
        #expect(Self.policy.policyFieldValue == #""default";q=3;w=60"#)
        clock.advance(seconds: 45)
        #expect(counter.countNow(key: "k", policy: Self.policy).resetSeconds == 15)
        #expect(counter.countNow(key: "other", policy: Self.policy).allowed, "keys count apart")
        clock.advance(seconds: 15)
        let reopened = counter.countNow(key: "k", policy: Self.policy)
        #expect(reopened.allowed && reopened.remaining == 2 && reopened.resetSeconds == 60)
    }

    @Test("ended windows are swept once enough new keys arrived")
    func sweep() {
        let clock = Clock()
        let counter = InProcessRateLimitCounter(sweepInterval: 10, now: { clock.now })
        for index in 0..<9 { _ = counter.countNow(key: "old-\(index)", policy: Self.policy) }
        clock.advance(seconds: 61)
        _ = counter.countNow(key: "new", policy: Self.policy)
        #expect(counter.trackedKeys == 1)
    }

    @Test("route group per IP first, then organization, then caller, then anonymous IP; undeclared slots are unlimited")
    func selection() {
        let group = RateLimitPolicy(name: "credentials", quota: 5, window: 60)
        let settings = RateLimitSettings(
            perCaller: Self.policy, perOrganization: RateLimitPolicy(name: "org", quota: 1_000, window: 60),
            perAnonymousIP: RateLimitPolicy(name: "anonymous", quota: 10, window: 60), routeGroups: [(group, ["/v1/auth/login"])])
        let user = Identity(subject: "u1", kind: "user", scopes: [])
        let member = Identity(subject: "k1", kind: "api_key", scopes: [], organizationID: "o1")
        #expect(settings.selection(path: "/v1/auth/login", identity: user, clientAddress: "1.2.3.4")?.key == "ip:credentials:1.2.3.4")
        #expect(settings.selection(path: "/v1/items", identity: member, clientAddress: "1.2.3.4")?.key == "org:org:o1")
        #expect(settings.selection(path: "/v1/items", identity: user, clientAddress: "1.2.3.4")?.key == "user:default:u1")
        #expect(settings.selection(path: "/v1/items", identity: nil, clientAddress: nil)?.key == "ip:anonymous:unknown")
        let callersOnly = RateLimitSettings(perCaller: Self.policy)
        #expect(callersOnly.selection(path: "/v1/items", identity: nil, clientAddress: "1.2.3.4") == nil)
    }
}
