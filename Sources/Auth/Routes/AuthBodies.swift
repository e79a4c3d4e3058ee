import Runtime

/// The validation rules of every auth request body, built once from the app's settings.
///
/// Bodies go through `InputValidator` like every generated body, so a bad field gets the same
/// 422 naming it. The OpenAPI builder documents the same members; a test compares them.
struct AuthBodies: Sendable {
    /// `POST /signup`: email, password, name.
    let signup: [FieldRule] = [
        FieldRule("email", .email, required: true, maxLength: 254),
        FieldRule("password", .string(pattern: nil), required: true),
        FieldRule("name", .string(pattern: nil), required: true, minLength: 1, maxLength: 200),
    ]

    /// `POST /login`: email, password.
    let login: [FieldRule] = [
        FieldRule("email", .email, required: true, maxLength: 254),
        FieldRule("password", .string(pattern: nil), required: true),
    ]

    /// `POST /refresh`: refresh_token (absent: the `loom_refresh` cookie, in cookie mode).
    let refresh: [FieldRule] = [FieldRule("refresh_token", .string(pattern: nil), nullable: true, maxLength: 200)]

    /// `PATCH /me`: name, email (each optional).
    let updateProfile: [FieldRule] = [
        FieldRule("name", .string(pattern: nil), nullable: true, minLength: 1, maxLength: 200),
        FieldRule("email", .email, nullable: true, maxLength: 254),
    ]

    /// `POST /me/password`: current_password, new_password.
    let changePassword: [FieldRule] = [
        FieldRule("current_password", .string(pattern: nil), required: true),
        FieldRule("new_password", .string(pattern: nil), required: true),
    ]

    /// `POST /password/forgot`: email.
    let forgotPassword: [FieldRule] = [FieldRule("email", .email, required: true, maxLength: 254)]

    /// `POST /password/reset`: token, new_password.
    let resetPassword: [FieldRule] = [
        FieldRule("token", .string(pattern: nil), required: true, maxLength: 200),
        FieldRule("new_password", .string(pattern: nil), required: true),
    ]

    /// `POST /email/verify`: token.
    let verifyEmail: [FieldRule] = [FieldRule("token", .string(pattern: nil), required: true, maxLength: 200)]

    /// `POST /organizations`: name, slug.
    let createOrganization: [FieldRule] = [
        FieldRule("name", .string(pattern: nil), required: true, minLength: 1, maxLength: 200),
        FieldRule("slug", .string(pattern: Pattern("[a-z0-9][a-z0-9-]{1,62}")), required: true),
    ]

    /// `PATCH /organizations/{id}`: name.
    let renameOrganization: [FieldRule] = [FieldRule("name", .string(pattern: nil), required: true, minLength: 1, maxLength: 200)]

    /// `PUT /organizations/{id}/members/{user_id}/role`: role.
    let memberRole: [FieldRule] = [FieldRule("role", .enumeration(OrganizationRole.allCases.map(\.rawValue)), required: true)]

    /// `POST /organizations/{id}/invitations`: email, role.
    let invitation: [FieldRule] = [
        FieldRule("email", .email, required: true, maxLength: 254),
        FieldRule("role", .enumeration(OrganizationRole.allCases.map(\.rawValue)), required: true),
    ]

    /// `POST /invitations/accept`: token.
    let acceptInvitation: [FieldRule] = [FieldRule("token", .string(pattern: nil), required: true, maxLength: 200)]

    /// `POST /sessions`: expires_at (optional).
    let createSession: [FieldRule] = [FieldRule("expires_at", .datetime, nullable: true)]

    /// `PATCH /sessions/{id}`: expires_at.
    let extendSession: [FieldRule] = [FieldRule("expires_at", .datetime, required: true)]

    /// `POST /api-keys`: name, environment, scopes, expires_at, allowed_cidrs.
    let createAPIKey: [FieldRule]

    /// `POST /api-keys/{id}/rotate`: grace_seconds (optional).
    let rotateAPIKey: [FieldRule] = [FieldRule("grace_seconds", .integer, nullable: true, minimum: 0)]

    /// Builds the rules; key environments come from `app.json`.
    init(settings: AuthSettings) {
        let environments = settings.apiKeys?.prefixes.map(\.environment) ?? []
        createAPIKey = [
            FieldRule("name", .string(pattern: nil), required: true, minLength: 1, maxLength: 100),
            FieldRule("environment", .enumeration(environments), required: true),
            FieldRule("scopes", .array(FieldRule("scopes", .string(pattern: nil), minLength: 1, maxLength: 100)), required: true, minLength: 1, maxLength: 50),
            FieldRule("expires_at", .datetime, nullable: true),
            FieldRule("allowed_cidrs", .array(FieldRule("allowed_cidrs", .string(pattern: nil), minLength: 1, maxLength: 64)), nullable: true, maxLength: 50),
        ]
    }
}
