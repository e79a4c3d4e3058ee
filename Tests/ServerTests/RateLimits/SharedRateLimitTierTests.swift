import Auth
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Runtime
import Testing

@testable import Server

/// Two tracker instances on one PostgreSQL schema: a tier changed through one counts on the
/// other from the caller's next request (the counter statement returns the tier version, the
/// other instance reloads). Skipped unless `LOOM_TEST_DATABASE_URL` is set.
@Suite("Rate-limit tiers seen by two instances on one PostgreSQL", .enabled(if: TestDatabase.usesPostgres))
struct SharedRateLimitTierTests {
    @Test("an organization's tier changed on one instance applies to the next request on the other")
    func changeSeenByOtherInstance() async throws {
        let url = try #require(TestDatabase.postgresURL)
        try await TestDatabase.withTwoInstances(url: url) { first, second in
            let app = try AppCatalog.app(named: "tracker", eventSettleInterval: 0)
            try await TestDatabase.migrate(app, on: first)
            let auth = try await ServerAuth.start(
                app: app, database: first, logger: TestDatabase.logger, environment: app.auth.map { [$0.secretVariable: TestApp.jwtSecret] } ?? [:],
                options: AuthOptions(passwordHashCost: 4))
            let one = try await Self.application(app: app, database: first, auth: auth)
            let two = try await Self.application(app: app, database: second, auth: nil)
            try await one.test(.router) { oneClient in
                try await two.test(.router) { twoClient in
                    let onOne = try TestApp(client: oneClient, app: app)
                    let onTwo = try TestApp(client: twoClient, app: app)
                    let owner = try await onOne.signUp()
                    let created = try await onOne.request(
                        .post, TestApp.auth + "/organizations", json: #"{"name": "Acme", "slug": "acme"}"#, headers: owner.headers)
                    let organization = try #require(created.object["id"] as? String, "\(created.text)")
                    let member = onTwo.as(.organization(organization, scopes: ["*"]))
                    let before = try await member.request(.get, "/v1/projects")
                    #expect(before.headers[RateLimitTierTests.policyHeader] == #""standard";q=3;w=3600"#, "\(before.text)")

                    let changed = try await RateLimitTierTests.admin(onOne).request(
                        .put, RateLimitTierTests.base + "/organizations/\(organization)", json: #"{"tier": "professional"}"#)
                    #expect(changed.status == .ok, "\(changed.text)")
                    let after = try await member.request(.get, "/v1/projects")
                    #expect(after.headers[RateLimitTierTests.policyHeader] == #""professional";q=6;w=3600"#, "the other instance counts the new tier")
                    let read = try await RateLimitTierTests.admin(onTwo).request(.get, RateLimitTierTests.base + "/organizations/\(organization)")
                    #expect(read.object["tier"] as? String == "professional", "\(read.text)")
                }
            }
        }
    }

    /// One instance: its own pool, middleware, counter and tier directory, rate limits mounted as
    /// `serve` does (driven through the router).
    static func application(
        app: GeneratedApp, database: PostgresDatabase, auth: (any AuthenticationService)?
    ) async throws -> some ApplicationProtocol {
        var configuration = LoomServer.Configuration(port: 0)
        configuration.auth = TestAuthenticator(base: auth)
        try await ServerRateLimits.mount(app: app, database: database, on: &configuration, settings: RateLimitTierTests.settings)
        return LoomServer.buildApplication(app: app, database: database, configuration: configuration, logger: TestDatabase.logger)
    }
}
