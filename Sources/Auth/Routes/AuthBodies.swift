import Runtime

/// The validation rules of every auth request body, built once from the app's settings.
///
/// Bodies go through `InputValidator` like every generated body, so a bad field gets the same
/// 422 naming it. The OpenAPI builder documents the same members; a test compares them.
struct AuthBodies: Sendable {
    /// `POST /signup`: email, password, name, organization_name and organization_slug (optional, together).
    let signup: [FieldRule] = [
        FieldRule("email", .email, required: true, maxLength: 254),
        FieldRule("password", .string(pattern: nil), required: true),
        FieldRule("name", .string(pattern: nil), required: true, minLength: 1, maxLength: 200),
        FieldRule("organization_name", .string(pattern: nil), nullable: true, minLength: 1, maxLength: 200),
        FieldRule("organization_slug", .string(pattern: Pattern("[a-z0-9][a-z0-9-]{1,62}")), nullable: true),
    ]

    /// `POST /login`: email, password, organization_id and project_id (optional binding).
    let login: [FieldRule] = [
        FieldRule("email", .email, required: true, maxLength: 254),
        FieldRule("password", .string(pattern: nil), required: true),
        FieldRule("organization_id", .uuid, nullable: true),
        FieldRule("project_id", .uuid, nullable: true),
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

    /// `PUT /organizations/{id}/members/{user_id}/role`: role (one of the app's organization roles).
    let memberRole: [FieldRule]

    /// `POST /organizations/{id}/invitations`: email, role.
    let invitation: [FieldRule]

    /// `POST /organizations/{id}/tokens`: project_id (optional).
    let organizationTokens: [FieldRule] = [FieldRule("project_id", .uuid, nullable: true)]

    /// `POST /organizations/{id}/projects`: name, slug, description.
    let createProject: [FieldRule] = [
        FieldRule("name", .string(pattern: nil), required: true, minLength: 1, maxLength: 200),
        FieldRule("slug", .string(pattern: Pattern("[a-z0-9][a-z0-9-]{1,62}")), required: true),
        FieldRule("description", .string(pattern: nil), nullable: true, maxLength: 1000),
    ]

    /// `POST /invitations/accept`: token.
    let acceptInvitation: [FieldRule] = [FieldRule("token", .string(pattern: nil), required: true, maxLength: 200)]

    /// `POST /sessions`: expires_at (optional).
    let createSession: [FieldRule] = [FieldRule("expires_at", .datetime, nullable: true)]

    /// `PATCH /sessions/{id}`: expires_at.
    let extendSession: [FieldRule] = [FieldRule("expires_at", .datetime, required: true)]

    /// `POST /api-keys`: name, environment, scopes (required unless `service`), expires_at,
    /// allowed_cidrs, organization_id, project_id, service, role.
    let createAPIKey: [FieldRule]

    /// `POST /organizations/{id}/projects/{project_id}/keys`: environment, scopes (optional).
    let projectKey: [FieldRule]

    /// `POST /api-keys/{id}/rotate`: grace_seconds (optional).
    let rotateAPIKey: [FieldRule] = [FieldRule("grace_seconds", .integer, nullable: true, minimum: 0)]

    /// Builds the rules; key environments come from `app.json`.
    init(settings: AuthSettings) {
        let environments = settings.apiKeys?.prefixes.map(\.environment) ?? []
        let organizationRoles = settings.organizationRoles.map(\.name)
        memberRole = [FieldRule("role", .enumeration(organizationRoles), required: true)]
        invitation = [FieldRule("email", .email, required: true, maxLength: 254), FieldRule("role", .enumeration(organizationRoles), required: true)]
        createAPIKey = [
            FieldRule("name", .string(pattern: nil), required: true, minLength: 1, maxLength: 100),
            FieldRule("environment", .enumeration(environments), required: true),
            FieldRule("scopes", .array(FieldRule("scopes", .string(pattern: nil), minLength: 1, maxLength: 100)), nullable: true, minLength: 1, maxLength: 50),
            FieldRule("expires_at", .datetime, nullable: true),
            FieldRule("allowed_cidrs", .array(FieldRule("allowed_cidrs", .string(pattern: nil), minLength: 1, maxLength: 64)), nullable: true, maxLength: 50),
            FieldRule("organization_id", .uuid, nullable: true),
            FieldRule("project_id", .uuid, nullable: true),
            FieldRule("service", .string(pattern: Pattern("[a-z0-9][a-z0-9_-]{0,62}")), nullable: true),
            FieldRule("role", .string(pattern: nil), nullable: true, minLength: 1, maxLength: 100),
        ]
        projectKey = [
            FieldRule("environment", .enumeration(environments), required: true),
            FieldRule("scopes", .array(FieldRule("scopes", .string(pattern: nil), minLength: 1, maxLength: 100)), nullable: true, maxLength: 50),
        ]
    }
}
