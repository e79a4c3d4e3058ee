import APIContract
import OpenAPIKit
import SchemaModel
import ValueFormats

/// The component schemas, error responses and security schemes of an app's auth routes
/// (`Auth` module), described with the same field vocabulary as tables so the constraints the
/// runtime enforces (lengths, formats, enumerations) appear in the document.
struct AuthSchemas {
    /// The app's auth section.
    let auth: AuthConfig
    /// Field schema conversion (answers: members spelled in the app's style).
    let fields: FieldSchemaBuilder

    /// The facts of `auth` the route families are selected by.
    var options: AuthContractOptions { AuthContractOptions(auth: auth, schema: fields.context.app) }
    /// Roles inside an organization: `auth.organizationRoles`, or the runtime's defaults, as
    /// the wire spells them (`auth.roleSpelling`).
    var organizationRoles: [String] { options.wireOrganizationRoles }
    /// The app's roles (`auth.roles`) as the wire spells them (`auth.roleSpelling`).
    var appRoles: [String] { auth.roles.map { auth.roleSpelling.wire($0.name) } }

    /// The component documenting an app role (`auth.roles`) in answers.
    static let appRoleComponent = AuthContract.appRoleComponent

    /// The same schemas with the enum members `components` documented as those components.
    func naming(enums components: [String: String]) -> AuthSchemas {
        AuthSchemas(auth: auth, fields: fields.naming(enums: components))
    }

    /// How the app writes the ids of auth resources (`auth.ids`).
    var ids: ResourceIDs { options.layout.ids }

    /// An answer member holding the id of a `kind` resource: a UUID, or the app's prefixed id.
    func id(_ kind: ResourceKind, _ name: String, description: String, required: Bool = false, nullable: Bool = false) -> FieldSchema {
        let prefix = ids.prefix(kind)
        return FieldSchema(
            name: name, type: prefix == nil ? .uuid : .string, description: description, required: required, nullable: nullable,
            pattern: prefix.map { Base62ID.pattern(prefix: $0, anchored: false) })
    }

    /// Security scheme of access tokens.
    static let bearerScheme = "bearerAuth"
    /// Security scheme of API keys.
    static let apiKeyScheme = "apiKeyAuth"
    /// Security scheme of the access token cookie (cookie mode).
    static let cookieScheme = "cookieAuth"

    /// The request body schemas of `bodies` (each once, in order), closed as validation refuses
    /// unknown members: the same declarations `Auth` validates with.
    func requestBodySchemas(_ bodies: [ContractBody]) throws -> [(String, JSONSchema)] {
        var seen: Set<String> = []
        var result: [(String, JSONSchema)] = []
        for body in bodies where seen.insert(body.name).inserted {
            result.append((body.name, try fields.verbatim.requestBody(body)))
        }
        return result
    }

    /// Every schema component of the auth routes.
    func schemas() throws -> [(String, JSONSchema)] {
        var result = try requestBodySchemas(AuthContract(options: options).routes.compactMap(\.request))
        let refresh = options.refreshTokensAreJWT
            ? "JWT (`typ: rt+jwt`) for `POST refresh`; usable once." : "Opaque token for `POST refresh`; usable once."
        let members = options.tokenResponseMembers
        // In cookie mode a browser's request (it sends `Origin`) gets the tokens only as cookies.
        let inBody = auth.cookies == nil
        let cookieNote = inBody ? "" : " Absent when the request carries `Origin` (a browser): the token is then only in its httpOnly cookie."
        var tokens = try fields.properties(of: [
            FieldSchema(name: "success", type: .boolean, description: "Always `true`.", required: true, example: .bool(true)),
            FieldSchema(
                name: "message", type: .string, description: "What happened: `\(AuthContract.authenticatedMessage)`", required: true,
                example: .string(AuthContract.authenticatedMessage)),
            FieldSchema(
                name: "token", type: .string, description: "The access token again, under the name Better Auth clients read." + cookieNote,
                required: inBody),
            FieldSchema(name: "token_type", type: .string, description: "Always `Bearer`.", required: true, example: .string("Bearer")),
            FieldSchema(
                name: "access_token", type: .string, description: "JWT to send as `Authorization: Bearer <token>`." + cookieNote, required: inBody),
            FieldSchema(name: "expires_in", type: .integer, description: "Seconds until the access token expires.", required: true),
            FieldSchema(name: "refresh_token", type: .string, description: refresh + cookieNote, required: inBody),
            id(.session, "session_id", description: "The session these tokens belong to.", required: true),
            FieldSchema(name: "session_expires_at", type: .datetime, description: "When the session ends unless extended.", required: true),
        ].filter { members.contains($0.name) }, usage: .input)
        if members.contains("user") { tokens.append(.init("user", SchemaFactory.reference("AuthUser"), required: false)) }
        result.append(("AuthTokens", SchemaFactory.object(tokens, description: "Tokens of a session (and the account, on sign-up and login).")))
        result.append(("AuthUser", try naming(enums: ["role": Self.appRoleComponent]).object("An account.", [
            id(.user, "id", description: "Account id.", required: true),
            FieldSchema(name: "email", type: .email, description: "Email address (lower case).", required: true),
            FieldSchema(name: "name", type: .string, description: "Display name.", required: true),
            FieldSchema(name: "role", type: .enum, description: "Role; it decides the account's scopes.", required: true, values: appRoles),
            id(
                .project, "project_id", description: "Only for an end user of a project (signed up with the project's key): the project."),
            FieldSchema(name: "email_verified", type: .boolean, description: "Whether the email address was verified.", required: true),
            FieldSchema(name: "created_at", type: .datetime, description: "When the account was created.", required: true),
            FieldSchema(name: "updated_at", type: .datetime, description: "When the account last changed.", required: true),
        ])))
        let session = try object("A live session (one device's login).", [
            id(.session, "id", description: "Session id.", required: true),
            FieldSchema(name: "current", type: .boolean, description: "Whether the request was made with this session.", required: true),
            FieldSchema(name: "created_at", type: .datetime, description: "When it started.", required: true),
            FieldSchema(name: "last_used_at", type: .datetime, description: "When its refresh token was last used.", required: true),
            FieldSchema(name: "expires_at", type: .datetime, description: "When it ends unless extended.", required: true),
            FieldSchema(name: "user_agent", type: .string, description: "User agent that started it.", required: true, nullable: true),
            FieldSchema(name: "ip_address", type: .string, description: "Address that started it.", required: true, nullable: true),
        ])
        result.append(("AuthSession", session))
        if auth.routes[AuthOperation.currentSession.routeKey] != nil {
            result.append((AuthContract.currentSessionSchema, SchemaFactory.object([
                .init("session", SchemaFactory.reference("AuthSession"), required: true),
                .init("user", SchemaFactory.reference("AuthUser"), required: true),
            ], description: "The caller's session and the signed-in account.")))
        }
        result.append(("AuthIdentity", try object("The caller.", [
            FieldSchema(name: "kind", type: .string, description: "`user` (an access token), `end_user` (the access token of a project's end user), `api_key`, `service` (a service token), or `impersonation` (a platform admin acting as an organization's owner).", required: true),
            FieldSchema(name: "subject", type: .string, description: "The user id, the API key id, or the service name.", required: true),
            id(.user, "user_id", description: "The account (for a key: its creator).", required: true, nullable: true),
            id(.session, "session_id", description: "The session of an access token.", required: true, nullable: true),
            id(.organization, "organization_id", description: "The organization the credentials are bound to (an organization-bound token or key, an impersonation token); null when unbound.", required: true, nullable: true),
            id(.project, "project_id", description: "The project the credentials are bound to.", required: true, nullable: true),
            FieldSchema(name: "environment", type: .string, description: "The environment of an API key.", required: true, nullable: true),
            FieldSchema(name: "impersonator_id", type: .uuid, description: "The platform admin acting through an impersonation token."),
            FieldSchema(name: "scopes", type: .array, description: "Scopes held now.", required: true, items: FieldSchema(name: "scope", type: .string, description: "A scope.")),
        ])))
        if auth.cookies != nil, auth.routes[AuthOperation.csrfToken.routeKey] != nil {
            result.append(("AuthCSRFToken", try object("The session's CSRF token.", [
                FieldSchema(name: "csrf_token", type: .string, description: "Send it in `X-CSRF-Token` with every unsafe request authenticated by the session's cookie.", required: true),
            ])))
        }
        result.append(("AuthSessionList", list("AuthSession", "The caller's live sessions, newest first.")))
        result.append(("AuthRevokedCount", try object("How many sessions were revoked.", [
            FieldSchema(name: "revoked", type: .integer, description: "Number of sessions ended.", required: true),
        ])))
        result += try organizationSchemas()
        result += try organizationBindingSchemas()
        if auth.apiKeys != nil { result += try apiKeySchemas() }
        if auth.accountAdmin != nil { result += try accountAdminSchemas() }
        return result
    }

    private func organizationSchemas() throws -> [(String, JSONSchema)] {
        let role = FieldSchema(name: "role", type: .enum, description: "Role in the organization.", required: true, values: organizationRoles)
        let organizations = naming(enums: ["role": AuthRequestBodies.organizationRoleComponent])
        return [
            ("AuthOrganization", try organizations.object("An organization, with the caller's role in it.", [
                id(.organization, "id", description: "Organization id.", required: true),
                FieldSchema(name: "name", type: .string, description: "Display name.", required: true),
                FieldSchema(name: "slug", type: .string, description: "Unique short name.", required: true),
                role,
                FieldSchema(name: "created_at", type: .datetime, description: "When it was created.", required: true),
                FieldSchema(name: "updated_at", type: .datetime, description: "When it last changed.", required: true),
            ])),
            ("AuthOrganizationList", list("AuthOrganization", "The caller's organizations, by name.")),
            ("AuthMember", try organizations.object("A member of an organization.", [
                id(.user, "user_id", description: "The member's account.", required: true),
                FieldSchema(name: "email", type: .email, description: "The member's email address.", required: true),
                FieldSchema(name: "name", type: .string, description: "The member's name.", required: true),
                role,
                FieldSchema(name: "joined_at", type: .datetime, description: "When the member joined.", required: true),
            ])),
            ("AuthMemberList", list("AuthMember", "Every member, by join time.")),
            ("AuthInvitation", try organizations.object("A pending invitation (its token is only in the mail).", [
                id(.invitation, "id", description: "Invitation id.", required: true),
                FieldSchema(name: "email", type: .email, description: "Invited address.", required: true),
                role,
                FieldSchema(name: "created_at", type: .datetime, description: "When it was sent.", required: true),
                FieldSchema(name: "expires_at", type: .datetime, description: "When it stops working.", required: true),
            ])),
            ("AuthInvitationList", list("AuthInvitation", "Pending invitations, oldest first.")),
        ]
    }

    /// The member the answer documented as component `schema` is wrapped in (`data`), when the
    /// app's family envelopes wrap it (`AuthAPIKey` with `envelopes.families` naming `apiKeys`),
    /// so links point inside the envelope; `nil`: the answer is the record itself.
    static func answerWrap(of schema: String, config: AppConfig) -> String? {
        guard schema == AuthContract.apiKeySchema else { return nil }
        return FamilyEnvelopes(config: config).of(.apiKeys).wrap
    }

    /// `AuthAPIKey` (one key's answer), `AuthAPIKeyPage` (the caller's keys, paged) and
    /// `AuthAPIKeyList` (a project's keys): Loom's bare key, `{items, total, limit, offset}` and
    /// `{"items": [...]}`, or, when `envelopes.families` names `apiKeys`, the app's envelopes
    /// around the key (then `AuthAPIKeyRecord`), as `AuthRoutes` writes them.
    private func apiKeySchemas() throws -> [(String, JSONSchema)] {
        let envelopes = FamilyEnvelopes(config: fields.context.config).of(.apiKeys)
        let paged = "One page of the caller's keys that are not revoked, newest first."
        let listed = "The project's keys that are not revoked, newest first."
        let wrapped = envelopes.wrap != nil || envelopes.items != FamilyEnvelopes.loom.items
        let record = SchemaFactory.reference(wrapped ? "AuthAPIKeyRecord" : AuthContract.apiKeySchema)
        let page = envelopes.list(of: record, description: paged, naming: fields.naming, page: FamilyEnvelopes.pageDescriptions("keys").merging([.total: "The caller's keys that are not revoked, across pages."]) { $1 })
        guard wrapped else {
            return [(AuthContract.apiKeySchema, try apiKey()), (AuthContract.apiKeyPageSchema, page), ("AuthAPIKeyList", list(AuthContract.apiKeySchema, listed))]
        }
        return [
            ("AuthAPIKeyRecord", try apiKey()),
            (AuthContract.apiKeySchema, envelopes.answer(record, description: "An API key, in the app's record envelope.", naming: fields.naming)),
            (AuthContract.apiKeyPageSchema, page),
            ("AuthAPIKeyList", envelopes.list(of: record, description: listed, naming: fields.naming)),
        ]
    }

    private func apiKey() throws -> JSONSchema {
        let text = FieldSchema(name: "item", type: .string, description: "One entry.")
        return try object("An API key; the key itself appears only in the answer that created it.", [
            id(.apiKey, "id", description: "Key id.", required: true),
            FieldSchema(name: "name", type: .string, description: "What the key is for.", required: true),
            FieldSchema(name: "key", type: .string, description: "The whole key, to send as `\(fields.context.config.headers.apiKey)`; shown once, stored only as a SHA-256 digest."),
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

    /// 401, 403, 429 and 502 responses in the app's error format.
    static func responses(errors: ErrorComponents) -> [(String, OpenAPI.Response)] {
        let retryAfter = OpenAPI.Header(
            schema: SchemaFactory.integer("Seconds to wait before trying again."), description: "Seconds until the lock ends.",
            required: true)
        return [
            ("Unauthorized", ResponseFactory.response(
                "No credentials, or invalid, expired or revoked ones (`UNAUTHENTICATED`, `INVALID_CREDENTIALS`).",
                content: [errors.contentType: errors.content(.unauthenticated, status: 401)])),
            ("Forbidden", ResponseFactory.response(
                "The caller is known but may not do this (`FORBIDDEN`): a missing scope, an API key used from an address outside its allowlist.",
                content: [errors.contentType: errors.content(.forbidden, status: 403)])),
            ("BadGateway", ResponseFactory.response(
                "A service the server called could not be reached, timed out or answered something unusable: an OAuth provider "
                    + "(`OAUTH_PROVIDER_ERROR`) or the mail server (`MAIL_DELIVERY_FAILED`); try again later.",
                content: [errors.contentType: errors.content(.oauthProviderError, status: 502)])),
            ("TooManyRequests", ResponseFactory.response(
                "Too many failed attempts; wait for `Retry-After` seconds (`TOO_MANY_REQUESTS`).",
                content: [errors.contentType: errors.content(.tooManyRequests, status: 429)], extraHeaders: [("Retry-After", retryAfter)])),
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
            schemes.append((Self.apiKeyScheme, .apiKey(name: fields.context.config.headers.apiKey, location: .header, description: description)))
        }
        if auth.cookies != nil {
            schemes.append((Self.cookieScheme, .apiKey(
                name: auth.cookies?.accessName ?? AuthCookiesConfig.defaultAccessName, location: .cookie,
                description: "Access token cookie set by `login`, `signup` and `refresh` (a browser's request, which carries `Origin`, gets the tokens only as cookies, never in the body); unsafe requests must echo the `loom_csrf` cookie, an HMAC of the session id, in `X-CSRF-Token` (403 `CSRF_FAILED` otherwise, and for another session's token).")))
        }
        return schemes
    }
}
