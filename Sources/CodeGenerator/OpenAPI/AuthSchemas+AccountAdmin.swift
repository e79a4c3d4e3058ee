import APIContract
import OpenAPIKit
import SchemaModel

// MARK: Account administration (issue 21)
/// The component schemas of the account administration routes (`auth.accountAdmin`).
extension AuthSchemas {
    /// `AuthAccount` (an account with its status) and `AuthAccountPage` (a page of them), as
    /// the account administration routes answer.
    func accountAdminSchemas() throws -> [(String, JSONSchema)] {
        let account = try naming(enums: ["role": Self.appRoleComponent, "status": AuthContract.accountStatusComponent]).object("An account of the app, with its status.", accountIdentity + [
            FieldSchema(name: "role", type: .enum, description: "Role; it decides the account's scopes.", required: true, values: appRoles),
            FieldSchema(
                name: "status", type: .enum, description: "`active`, or `banned` (every credential refused, logging in fails).",
                required: true, values: AuthContract.accountStatuses),
            FieldSchema(name: "email_verified", type: .boolean, description: "Whether the email address was verified.", required: true),
            FieldSchema(name: "created_at", type: .datetime, description: "When the account was created.", required: true),
            FieldSchema(name: "updated_at", type: .datetime, description: "When the account last changed.", required: true),
        ])
        let description = "One page of accounts, newest first."
        let page = SchemaFactory.object(
            [
                .init("items", SchemaFactory.array(of: SchemaFactory.reference(AuthContract.accountSchema), description: description), required: true),
                .init("total", SchemaFactory.integer("Accounts matching the filters, across pages."), required: true),
                .init("limit", SchemaFactory.integer("Accounts per page."), required: true),
                .init("offset", SchemaFactory.integer("Accounts skipped."), required: true),
            ],
            description: description)
        return [(AuthContract.accountSchema, account), (AuthContract.accountPageSchema, page)]
    }

    /// The members naming an account, first in every account answer (account administration,
    /// the platform's end users): id, project, email and name.
    var accountIdentity: [FieldSchema] {
        [
            id(.user, "id", description: "Account id.", required: true),
            id(
                .project, "project_id", description: "The project whose end user this is; null for an app-level account.",
                required: true, nullable: true),
            FieldSchema(name: "email", type: .email, description: "Email address (lower case).", required: true),
            FieldSchema(name: "name", type: .string, description: "Display name.", required: true),
        ]
    }
}
