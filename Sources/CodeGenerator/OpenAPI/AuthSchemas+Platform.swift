import APIContract
import OpenAPIKit
import SchemaModel

/// The component schemas of the platform admin routes (`PlatformOperations`).
extension AuthSchemas {
    /// Every schema component of the platform routes.
    func platformSchemas() throws -> [(String, JSONSchema)] {
        var result = try requestBodySchemas(PlatformContract(options: options).routes.compactMap(\.request))
        var tokens = try fields.properties(of: [
            FieldSchema(name: "token_type", type: .string, description: "Always `Bearer`.", required: true),
            FieldSchema(name: "access_token", type: .string, description: "Platform JWT for the platform routes only.", required: true),
            FieldSchema(name: "expires_in", type: .integer, description: "Seconds until the access token expires.", required: true),
            FieldSchema(name: "refresh_token", type: .string, description: "Opaque token for the platform refresh; usable once.", required: true),
            id(.session, "session_id", description: "The platform session.", required: true),
            FieldSchema(name: "session_expires_at", type: .datetime, description: "When the platform session ends.", required: true),
        ], usage: .input)
        tokens.append(.init("admin", SchemaFactory.reference("PlatformAdmin"), required: false))
        result.append(("PlatformTokens", SchemaFactory.object(tokens, description: "Tokens of a platform session (and the admin, on login).")))
        result.append(("PlatformAdmin", try platformObject("A platform admin.", [
            FieldSchema(name: "id", type: .uuid, description: "Admin id.", required: true),
            FieldSchema(name: "email", type: .email, description: "Email address (lower case).", required: true),
            FieldSchema(name: "name", type: .string, description: "Display name.", required: true),
            FieldSchema(name: "status", type: .enum, description: "`active` or `deactivated`.", required: true, values: ["active", "deactivated"]),
            FieldSchema(name: "created_by", type: .uuid, description: "The admin who created it; null for `create-admin`.", required: true, nullable: true),
            FieldSchema(name: "created_at", type: .datetime, description: "When it was created.", required: true),
            FieldSchema(name: "updated_at", type: .datetime, description: "When it last changed.", required: true),
            FieldSchema(name: "deactivated_at", type: .datetime, description: "When it was deactivated.", required: true, nullable: true),
        ])))
        let organization: [FieldSchema] = [
            id(.organization, "id", description: "Organization id.", required: true),
            FieldSchema(name: "name", type: .string, description: "Display name.", required: true),
            FieldSchema(name: "slug", type: .string, description: "Unique short name.", required: true),
            id(.user, "created_by", description: "The account that created it.", required: true),
            FieldSchema(name: "created_at", type: .datetime, description: "When it was created.", required: true),
            FieldSchema(name: "updated_at", type: .datetime, description: "When it last changed.", required: true),
            FieldSchema(name: "member_count", type: .integer, description: "Number of members.", required: true),
        ]
        result.append(("PlatformOrganization", try platformObject("An organization.", organization)))
        var detail = try fields.properties(of: organization, usage: .input)
        detail.append(.init(
            "members", SchemaFactory.array(of: SchemaFactory.reference("AuthMember"), description: "Every member, by join time."), required: true))
        result.append(("PlatformOrganizationDetail", SchemaFactory.object(detail, description: "An organization and its members.")))
        result.append(("PlatformEndUser", try naming(enums: ["role": Self.appRoleComponent]).platformObject("An account: app-level, or an end user of a project.", accountIdentity + [
            FieldSchema(name: "role", type: .enum, description: "App role.", required: true, values: appRoles),
            FieldSchema(name: "status", type: .string, description: "`active` or `banned`.", required: true),
            FieldSchema(name: "email_verified", type: .boolean, description: "Whether the email address was verified.", required: true),
            FieldSchema(name: "created_at", type: .datetime, description: "When the account was created.", required: true),
            FieldSchema(name: "updated_at", type: .datetime, description: "When the account last changed.", required: true),
        ])))
        result.append(("PlatformOrganizationPage", platformPage("PlatformOrganization", "Organizations by name.")))
        result.append(("PlatformEndUserPage", platformPage("PlatformEndUser", "App accounts, newest first.")))
        result.append(("PlatformImpersonation", try platformObject("An impersonation token (no refresh token: it cannot be refreshed).", [
            FieldSchema(name: "token_type", type: .string, description: "Always `Bearer`.", required: true),
            FieldSchema(name: "access_token", type: .string, description: "JWT (`typ: impersonation+jwt`) with `org` and `act` claims, for the app's routes.", required: true),
            FieldSchema(name: "expires_in", type: .integer, description: "Seconds until it expires.", required: true),
            FieldSchema(name: "expires_at", type: .datetime, description: "When it expires.", required: true),
            id(.organization, "organization_id", description: "The organization it is bound to.", required: true),
            id(.user, "user_id", description: "The owner it acts as.", required: true),
            FieldSchema(name: "impersonator_id", type: .uuid, description: "The admin behind it.", required: true),
            FieldSchema(name: "token_id", type: .string, description: "Its `jti`, as the audit trail records it.", required: true),
        ])))
        return result
    }

    private func platformObject(_ description: String, _ members: [FieldSchema]) throws -> JSONSchema {
        SchemaFactory.object(try fields.properties(of: members, usage: .input), description: description)
    }

    private func platformPage(_ item: String, _ description: String) -> JSONSchema {
        SchemaFactory.object(
            [
                .init("items", SchemaFactory.array(of: SchemaFactory.reference(item), description: description), required: true),
                .init("total", SchemaFactory.integer("Rows matching the filters."), required: true),
                .init("limit", SchemaFactory.integer("Rows per page."), required: true),
                .init("offset", SchemaFactory.integer("Rows skipped."), required: true),
            ],
            description: description)
    }
}
