import Testing

@testable import SchemaModel

/// `auth.platformAdmins` of `app.json`: defaults, and every bad value reported at its path.
@Suite("auth.platformAdmins of app.json")
struct AuthPlatformAdminsConfigTests {
    @Test("an empty object takes the documented defaults; absent means no platform routes")
    func defaults() throws {
        let auth = AuthConfigTests.minimal.dropLast() + #", "platformAdmins": {}}"#
        let files = TestSchemas.files(AuthConfigTests.app(auth: String(auth)))
        guard case .success(let loaded) = SchemaPipeline.load(files) else {
            Issue.record("refused: \(TestSchemas.diagnostics(files))")
            return
        }
        #expect(loaded.schemas.apps.first?.config.auth?.platformAdmins == AuthPlatformAdminsConfig(
            path: "/platform", accessTokenSeconds: 900, refreshTokenSeconds: 43_200, impersonationSeconds: 900))
        let plain = TestSchemas.files(AuthConfigTests.app(auth: AuthConfigTests.minimal))
        guard case .success(let without) = SchemaPipeline.load(plain) else {
            Issue.record("the minimal auth section was refused")
            return
        }
        #expect(without.schemas.apps.first?.config.auth?.platformAdmins == nil)
    }

    @Test("a bad path, lifetimes out of range and unknown keys are reported at their paths")
    func invalid() {
        let auth = AuthConfigTests.minimal.dropLast()
            + #", "platformAdmins": {"path": "platform", "accessTokenSeconds": 10, "refreshTokenSeconds": 5, "impersonationSeconds": 7200}}"#
        let result = TestSchemas.diagnostics(TestSchemas.files(AuthConfigTests.app(auth: String(auth))))
        let file = AuthConfigTests.appPath
        expectDiagnostic(result, code: "invalid-auth-setting", file: file, path: "auth.platformAdmins.path", contains: "\"/platform\"")
        expectDiagnostic(result, code: "invalid-auth-setting", file: file, path: "auth.platformAdmins.accessTokenSeconds", contains: "30")
        expectDiagnostic(result, code: "invalid-auth-setting", file: file, path: "auth.platformAdmins.refreshTokenSeconds", contains: "at least")
        expectDiagnostic(result, code: "invalid-auth-setting", file: file, path: "auth.platformAdmins.impersonationSeconds", contains: "3600")
        let overlapping = AuthConfigTests.minimal.dropLast() + #", "platformAdmins": {"path": "/auth/platform"}}"#
        let overlap = TestSchemas.diagnostics(TestSchemas.files(AuthConfigTests.app(auth: String(overlapping))))
        expectDiagnostic(overlap, code: "invalid-auth-setting", file: file, path: "auth.platformAdmins.path", contains: "overlaps")
        let unknown = AuthConfigTests.minimal.dropLast() + #", "platformAdmins": {"paht": "/x"}}"#
        let typo = TestSchemas.diagnostics(TestSchemas.files(AuthConfigTests.app(auth: String(unknown))))
        #expect(typo.contains { $0.path.hasPrefix("auth.platformAdmins") && $0.message.contains("paht") }, "\(typo)")
    }
}
