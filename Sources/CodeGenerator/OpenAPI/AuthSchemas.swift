import OpenAPIKit
import SchemaModel

/// The component schemas, error responses and security schemes of an app's auth routes
/// (`Auth` module), described with the same field vocabulary as tables so the constraints the
/// runtime enforces (lengths, formats, enumerations) appear in the document.
struct AuthSchemas {
    /// The app's auth section.
    let auth: AuthConfig
    /// Field schema conversion.
    let fields: FieldSchemaBuilder

    /// Roles inside an organization: `auth.organizationRoles`, or the runtime's defaults.
    var organizationRoles: [String] { auth.organizationRoles?.map(\.name) ?? ["owner", "admin", "member"] }

    /// Security scheme of access tokens.
    static let bearerScheme = "bearerAuth"
    /// Security scheme of API keys.
    static let apiKeyScheme = "apiKeyAuth"
    /// Security scheme of the access token cookie (cookie mode).
    static let cookieScheme = "cookieAuth"

    /// Request bodies by component name; the runtime's `AuthBodies` holds the same members.
    var requestBodies: [(String, [FieldSchema])] {
        let password = "The password: at least \(auth.passwords.minLength) characters and at most 72 bytes (bcrypt's limit)."
        var bodies: [(String, [FieldSchema])] = [
            ("AuthSignupRequest", [
                FieldSchema(name: "email", type: .email, description: "Email address; compared without case.", required: true, maxLength: 254),
                FieldSchema(name: "password", type: .string, description: password, required: true),
                FieldSchema(name: "name", type: .string, description: "Display name.", required: true, minLength: 1, maxLength: 200),
                FieldSchema(name: "organization_name", type: .string, description: "Also create an organization with this name, owned by the new account, and bind the session to it (with `organization_slug`).", nullable: true, minLength: 1, maxLength: 200),
                FieldSchema(name: "organization_slug", type: .string, description: "Unique short name of that organization (409 naming it when taken).", nullable: true, pattern: "[a-z0-9][a-z0-9-]{1,62}"),
            ]),
            ("AuthLoginRequest", [
                FieldSchema(name: "email", type: .email, description: "Email address of the account.", required: true, maxLength: 254),
                FieldSchema(name: "password", type: .string, description: "The account's password.", required: true),
                FieldSchema(name: "organization_id", type: .uuid, description: "Bind the session to this organization (404 unless a member): its tokens carry `org` and the scopes of your organization role.", nullable: true),
                FieldSchema(name: "project_id", type: .uuid, description: "Also narrow it to this live project of the organization (`prj`).", nullable: true),
            ]),
            ("AuthRefreshRequest", [
                FieldSchema(
                    name: "refresh_token", type: .string,
                    description: "The latest refresh token of the session; each is accepted once. Required unless sent as the `loom_refresh` cookie (cookie mode, with `X-CSRF-Token`).",
                    nullable: true, maxLength: 200),
            ]),
            ("AuthProfileUpdate", [
                FieldSchema(name: "name", type: .string, description: "New display name; absent or null keeps it.", nullable: true, minLength: 1, maxLength: 200),
                FieldSchema(name: "email", type: .email, description: "New email address; absent or null keeps it.", nullable: true, maxLength: 254),
            ]),
            ("AuthPasswordChange", [
                FieldSchema(name: "current_password", type: .string, description: "The password in use now.", required: true),
                FieldSchema(name: "new_password", type: .string, description: password, required: true),
            ]),
            ("AuthPasswordForgot", [
                FieldSchema(name: "email", type: .email, description: "Email address of the account.", required: true, maxLength: 254),
            ]),
            ("AuthPasswordReset", [
                FieldSchema(name: "token", type: .string, description: "The reset token from the mail.", required: true, maxLength: 200),
                FieldSchema(name: "new_password", type: .string, description: password, required: true),
            ]),
            ("AuthEmailVerify", [
                FieldSchema(name: "token", type: .string, description: "The verification token from the mail.", required: true, maxLength: 200),
            ]),
            ("AuthOrganizationCreate", [
                FieldSchema(name: "name", type: .string, description: "Display name.", required: true, minLength: 1, maxLength: 200),
                FieldSchema(name: "slug", type: .string, description: "Unique short name: lowercase letters, digits and -.", required: true, pattern: "[a-z0-9][a-z0-9-]{1,62}"),
            ]),
            ("AuthOrganizationUpdate", [
                FieldSchema(name: "name", type: .string, description: "New display name.", required: true, minLength: 1, maxLength: 200),
            ]),
            ("AuthMemberRole", [
                FieldSchema(name: "role", type: .enum, description: "The member's new role.", required: true, values: organizationRoles),
            ]),
            ("AuthInvitationCreate", [
                FieldSchema(name: "email", type: .email, description: "Address the invitation is mailed to; only it can accept.", required: true, maxLength: 254),
                FieldSchema(name: "role", type: .enum, description: "Role on joining.", required: true, values: organizationRoles),
            ]),
            ("AuthInvitationAccept", [
                FieldSchema(name: "token", type: .string, description: "The invitation token from the mail.", required: true, maxLength: 200),
            ]),
            ("AuthSessionCreate", [
                FieldSchema(name: "expires_at", type: .datetime, description: "When the new session ends; at most the session lifetime from now (the default).", nullable: true),
            ]),
            ("AuthSessionExtend", [
                FieldSchema(name: "expires_at", type: .datetime, description: "The session's new end; in the future and at most the session lifetime from now.", required: true),
            ]),
        ]
        if let apiKeys = auth.apiKeys {
            let scope = FieldSchema(name: "scopes", type: .string, description: "A scope the caller holds.", minLength: 1, maxLength: 100)
            let cidr = FieldSchema(name: "allowed_cidrs", type: .string, description: "An IP address or CIDR range.", minLength: 1, maxLength: 64)
            bodies.append(("AuthAPIKeyCreate", [
                FieldSchema(name: "name", type: .string, description: "What the key is for.", required: true, minLength: 1, maxLength: 100),
                FieldSchema(name: "environment", type: .enum, description: "Environment the key belongs to; it decides the key's prefix.", required: true, values: apiKeys.prefixes.map(\.environment)),
                FieldSchema(name: "scopes", type: .array, description: "What the key may do; each scope must be one the caller holds (in the key's organization, for a bound key). Required unless `service` is given (then: the role's scopes).", nullable: true, minLength: 1, maxLength: 50, items: scope),
                FieldSchema(name: "expires_at", type: .datetime, description: "When the key stops working; null: never.", nullable: true),
                FieldSchema(name: "allowed_cidrs", type: .array, description: "Addresses the key may be used from; empty or null: any.", nullable: true, maxLength: 50, items: cidr),
            ] + keyBindingMembers))
            bodies.append(("AuthAPIKeyRotate", [
                FieldSchema(name: "grace_seconds", type: .integer, description: "How long the old key keeps working; 0 (default) ends it at once.", nullable: true, minimum: 0, maximum: Double(apiKeys.maxRotationGraceSeconds)),
            ]))
        }
        return bodies + organizationBindingBodies
    }

    /// Every schema component of the auth routes.
    func schemas() throws -> [(String, JSONSchema)] {
        var result: [(String, JSONSchema)] = []
        for (name, members) in requestBodies {
            result.append((name, SchemaFactory.object(try fields.properties(of: members, usage: .input), closed: true)))
        }
        var tokens = try fields.properties(of: [
            FieldSchema(name: "token_type", type: .string, description: "Always `Bearer`.", required: true),
            FieldSchema(name: "access_token", type: .string, description: "JWT to send as `Authorization: Bearer <token>`.", required: true),
            FieldSchema(name: "expires_in", type: .integer, description: "Seconds until the access token expires.", required: true),
            FieldSchema(name: "refresh_token", type: .string, description: "Opaque token for `POST refresh`; usable once.", required: true),
            FieldSchema(name: "session_id", type: .uuid, description: "The session these tokens belong to.", required: true),
            FieldSchema(name: "session_expires_at", type: .datetime, description: "When the session ends unless extended.", required: true),
        ], usage: .input)
        tokens.append(.init("user", SchemaFactory.reference("AuthUser"), required: false))
        result.append(("AuthTokens", SchemaFactory.object(tokens, description: "Tokens of a session (and the account, on sign-up and login).")))
        result.append(("AuthUser", try object("An account.", [
            FieldSchema(name: "id", type: .uuid, description: "Account id.", required: true),
            FieldSchema(name: "email", type: .email, description: "Email address (lower case).", required: true),
            FieldSchema(name: "name", type: .string, description: "Display name.", required: true),
            FieldSchema(name: "role", type: .enum, description: "Role; it decides the account's scopes.", required: true, values: auth.roles.map(\.name)),
            FieldSchema(
                name: "project_id", type: .uuid, description: "Only for an end user of a project (signed up with the project's key): the project."),
            FieldSchema(name: "email_verified", type: .boolean, description: "Whether the email address was verified.", required: true),
            FieldSchema(name: "created_at", type: .datetime, description: "When the account was created.", required: true),
            FieldSchema(name: "updated_at", type: .datetime, description: "When the account last changed.", required: true),
        ])))
        let session = try object("A live session (one device's login).", [
            FieldSchema(name: "id", type: .uuid, description: "Session id.", required: true),
            FieldSchema(name: "current", type: .boolean, description: "Whether the request was made with this session.", required: true),
            FieldSchema(name: "created_at", type: .datetime, description: "When it started.", required: true),
            FieldSchema(name: "last_used_at", type: .datetime, description: "When its refresh token was last used.", required: true),
            FieldSchema(name: "expires_at", type: .datetime, description: "When it ends unless extended.", required: true),
            FieldSchema(name: "user_agent", type: .string, description: "User agent that started it.", required: true, nullable: true),
            FieldSchema(name: "ip_address", type: .string, description: "Address that started it.", required: true, nullable: true),
        ])
        result.append(("AuthSession", session))
        result.append(("AuthIdentity", try object("The caller.", [
            FieldSchema(name: "kind", type: .string, description: "`user` (an access token), `end_user` (the access token of a project's end user), `api_key`, `service` (a service token), or `impersonation` (a platform admin acting as an organization's owner).", required: true),
            FieldSchema(name: "subject", type: .string, description: "The user id, the API key id, or the service name.", required: true),
            FieldSchema(name: "user_id", type: .uuid, description: "The account (for a key: its creator).", required: true, nullable: true),
            FieldSchema(name: "session_id", type: .uuid, description: "The session of an access token.", required: true, nullable: true),
            FieldSchema(name: "organization_id", type: .uuid, description: "The organization the credentials are bound to.", required: true, nullable: true),
            FieldSchema(name: "project_id", type: .uuid, description: "The project the credentials are bound to.", required: true, nullable: true),
            FieldSchema(name: "environment", type: .string, description: "The environment of an API key.", required: true, nullable: true),
            FieldSchema(name: "organization_id", type: .uuid, description: "The organization the credential is bound to (impersonation tokens)."),
            FieldSchema(name: "impersonator_id", type: .uuid, description: "The platform admin acting through an impersonation token."),
            FieldSchema(name: "scopes", type: .array, description: "Scopes held now.", required: true, items: FieldSchema(name: "scope", type: .string, description: "A scope.")),
        ])))
        result.append(("AuthSessionList", list("AuthSession", "The caller's live sessions, newest first.")))
        result.append(("AuthRevokedCount", try object("How many sessions were revoked.", [
            FieldSchema(name: "revoked", type: .integer, description: "Number of sessions ended.", required: true),
        ])))
        result += try organizationSchemas()
        result += try organizationBindingSchemas()
        if auth.apiKeys != nil {
            result.append(("AuthAPIKey", try apiKey()))
            result.append(("AuthAPIKeyList", list("AuthAPIKey", "The caller's keys that are not revoked, newest first.")))
        }
        return result
    }

    private func organizationSchemas() throws -> [(String, JSONSchema)] {
        let role = FieldSchema(name: "role", type: .enum, description: "Role in the organization.", required: true, values: organizationRoles)
        return [
            ("AuthOrganization", try object("An organization, with the caller's role in it.", [
                FieldSchema(name: "id", type: .uuid, description: "Organization id.", required: true),
                FieldSchema(name: "name", type: .string, description: "Display name.", required: true),
                FieldSchema(name: "slug", type: .string, description: "Unique short name.", required: true),
                role,
                FieldSchema(name: "created_at", type: .datetime, description: "When it was created.", required: true),
                FieldSchema(name: "updated_at", type: .datetime, description: "When it last changed.", required: true),
            ])),
            ("AuthOrganizationList", list("AuthOrganization", "The caller's organizations, by name.")),
            ("AuthMember", try object("A member of an organization.", [
                FieldSchema(name: "user_id", type: .uuid, description: "The member's account.", required: true),
                FieldSchema(name: "email", type: .email, description: "The member's email address.", required: true),
                FieldSchema(name: "name", type: .string, description: "The member's name.", required: true),
                role,
                FieldSchema(name: "joined_at", type: .datetime, description: "When the member joined.", required: true),
            ])),
            ("AuthMemberList", list("AuthMember", "Every member, by join time.")),
            ("AuthInvitation", try object("A pending invitation (its token is only in the mail).", [
                FieldSchema(name: "id", type: .uuid, description: "Invitation id.", required: true),
                FieldSchema(name: "email", type: .email, description: "Invited address.", required: true),
                role,
                FieldSchema(name: "created_at", type: .datetime, description: "When it was sent.", required: true),
                FieldSchema(name: "expires_at", type: .datetime, description: "When it stops working.", required: true),
            ])),
            ("AuthInvitationList", list("AuthInvitation", "Pending invitations, oldest first.")),
        ]
    }

    private func apiKey() throws -> JSONSchema {
        let text = FieldSchema(name: "item", type: .string, description: "One entry.")
        return try object("An API key; the key itself appears only in the answer that created it.", [
            FieldSchema(name: "id", type: .uuid, description: "Key id.", required: true),
            FieldSchema(name: "name", type: .string, description: "What the key is for.", required: true),
            FieldSchema(name: "key", type: .string, description: "The whole key, to send as `X-API-Key`; shown once, stored only as a SHA-256 digest."),
            FieldSchema(name: "environment", type: .string, description: "Environment the key belongs to.", required: true),
            FieldSchema(name: "prefix", type: .string, description: "The key's prefix.", required: true),
            FieldSchema(name: "last_four", type: .string, description: "The key's last four characters.", required: true),
            FieldSchema(name: "scopes", type: .array, description: "What the key may do (never more than its creator holds).", required: true, items: text),
            FieldSchema(name: "allowed_cidrs", type: .array, description: "Addresses the key may be used from; empty: any.", required: true, items: text),
            FieldSchema(name: "expires_at", type: .datetime, description: "When the key stops working.", required: true, nullable: true),
            FieldSchema(name: "last_used_at", type: .datetime, description: "Last use, to the minute.", required: true, nullable: true),
            FieldSchema(name: "created_at", type: .datetime, description: "When the key was created.", required: true),
        ] + keyBindingResponseMembers)
    }

    func object(_ description: String, _ members: [FieldSchema]) throws -> JSONSchema {
        SchemaFactory.object(try fields.properties(of: members, usage: .input), description: description)
    }

    func list(_ item: String, _ description: String) -> JSONSchema {
        SchemaFactory.object(
            [.init("items", SchemaFactory.array(of: SchemaFactory.reference(item), description: description))],
            description: description)
    }

    /// 401, 403 and 429 responses in the app's error format.
    static func responses(errors: ErrorComponents) -> [(String, OpenAPI.Response)] {
        let content = OpenAPI.Content(schemaReference: .component(named: errors.bodySchemaName))
        let retryAfter = OpenAPI.Header(
            schema: SchemaFactory.integer("Seconds to wait before trying again."), description: "Seconds until the lock ends.",
            required: true)
        return [
            ("Unauthorized", ResponseFactory.response(
                "No credentials, or invalid, expired or revoked ones (`UNAUTHENTICATED`, `INVALID_CREDENTIALS`).",
                content: [errors.contentType: content])),
            ("Forbidden", ResponseFactory.response(
                "The caller is known but may not do this (`FORBIDDEN`): a missing scope, an API key used from an address outside its allowlist.",
                content: [errors.contentType: content])),
            ("TooManyRequests", ResponseFactory.response(
                "Too many failed attempts; wait for `Retry-After` seconds (`TOO_MANY_REQUESTS`).",
                content: [errors.contentType: content], extraHeaders: [("Retry-After", retryAfter)])),
        ]
    }

    /// `bearerAuth` (JWT access tokens) and, with API keys, `apiKeyAuth` (`X-API-Key`).
    func securitySchemes() -> [(String, OpenAPI.SecurityScheme)] {
        var schemes: [(String, OpenAPI.SecurityScheme)] = [
            (Self.bearerScheme, .http(
                scheme: "bearer", bearerFormat: "JWT",
                description: "Access token from `login`, `signup` or `refresh` (HS256, `typ: at+jwt`)."))
        ]
        if let apiKeys = auth.apiKeys {
            let prefixes = apiKeys.prefixes.map { "`\($0.prefix)` (\($0.environment))" }.joined(separator: ", ")
            var description = "API key with prefix \(prefixes)."
            if apiKeys.acceptBearer { description += " Also accepted as `Authorization: Bearer <key>`." }
            schemes.append((Self.apiKeyScheme, .apiKey(name: "X-API-Key", location: .header, description: description)))
        }
        if auth.cookies != nil {
            schemes.append((Self.cookieScheme, .apiKey(
                name: "loom_access", location: .cookie,
                description: "Access token cookie set by `login`, `signup` and `refresh`; unsafe requests must echo the `loom_csrf` cookie in `X-CSRF-Token` (403 `CSRF_FAILED` otherwise).")))
        }
        return schemes
    }
}
