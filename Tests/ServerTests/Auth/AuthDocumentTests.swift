import Foundation
import Generated
import Runtime
import Testing

@testable import Auth

/// The request bodies the OpenAPI document promises are the ones the runtime validates.
@Suite("Auth: documented bodies match validation")
struct AuthDocumentTests {
    @Test("every documented auth request body has the members and required members of its runtime rules")
    func bodiesMatch() throws {
        let settings = Tracker.auth
        let bodies = AuthBodies(settings: settings)
        let pairs: [(String, [FieldRule])] = [
            ("AuthSignupRequest", bodies.signup), ("AuthLoginRequest", bodies.login), ("AuthRefreshRequest", bodies.refresh),
            ("AuthProfileUpdate", bodies.updateProfile), ("AuthPasswordChange", bodies.changePassword),
            ("AuthSessionCreate", bodies.createSession), ("AuthSessionExtend", bodies.extendSession),
            ("AuthAPIKeyCreate", bodies.createAPIKey), ("AuthAPIKeyRotate", bodies.rotateAPIKey),
            ("AuthPasswordForgot", bodies.forgotPassword), ("AuthPasswordReset", bodies.resetPassword),
            ("AuthEmailVerify", bodies.verifyEmail), ("AuthOrganizationCreate", bodies.createOrganization),
            ("AuthOrganizationUpdate", bodies.renameOrganization), ("AuthMemberRole", bodies.memberRole),
            ("AuthInvitationCreate", bodies.invitation), ("AuthInvitationAccept", bodies.acceptInvitation),
        ]
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(Tracker.openAPIDocument.utf8)) as? [String: Any])
        let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
        for (name, rules) in pairs {
            let schema = try #require(schemas[name] as? [String: Any], "\(name) is documented")
            let properties = try #require(schema["properties"] as? [String: Any])
            #expect(Set(properties.keys) == Set(rules.map(\.name)), "\(name) members")
            let required = Set(schema["required"] as? [String] ?? [])
            #expect(required == Set(rules.filter(\.required).map(\.name)), "\(name) required members")
            #expect(schema["additionalProperties"] as? Bool == false, "\(name) is closed, as validation refuses unknown members")
        }
    }
}
