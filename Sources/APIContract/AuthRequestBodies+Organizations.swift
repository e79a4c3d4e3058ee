/// The bodies of the organization, invitation and project routes.
extension AuthRequestBodies {
    /// `POST /organizations`.
    public var createOrganization: ContractBody {
        ContractBody("AuthOrganizationCreate", [
            ContractField("name", .string(pattern: nil), "Display name.", required: true, minLength: 1, maxLength: 200),
            ContractField(
                "slug", .string(pattern: ContractField.slugPattern), "Unique short name: lowercase letters, digits and -.", required: true),
        ])
    }

    /// `PATCH /organizations/{id}`.
    public var renameOrganization: ContractBody {
        ContractBody("AuthOrganizationUpdate", [
            ContractField("name", .string(pattern: nil), "New display name.", required: true, minLength: 1, maxLength: 200),
        ])
    }

    /// The component documenting a role inside an organization (`auth.organizationRoles`), in
    /// bodies and answers alike.
    public static let organizationRoleComponent = "OrganizationRole"

    /// `PUT /organizations/{id}/members/{user_id}/role`. Not `AuthMemberRole`: a client generator
    /// naming an inline enum `AuthMember.role` would make a clashing type (the role is the
    /// component `OrganizationRole` now, but the name stays free).
    public var changeMemberRole: ContractBody {
        ContractBody("AuthMemberRoleChange", [
            ContractField("role", .enumeration(options.wireOrganizationRoles), "The member's new role.", required: true)
                .enumerated(as: Self.organizationRoleComponent),
        ])
    }

    /// `POST /organizations/{id}/invitations`.
    public var invite: ContractBody {
        ContractBody("AuthInvitationCreate", [
            ContractField(
                "email", .email, "Address the invitation is mailed to; only it can accept.", required: true,
                maxLength: ContractField.emailMaxLength),
            ContractField("role", .enumeration(options.wireOrganizationRoles), "Role on joining.", required: true)
                .enumerated(as: Self.organizationRoleComponent),
        ])
    }

    /// `POST /invitations/accept`.
    public var acceptInvitation: ContractBody {
        ContractBody("AuthInvitationAccept", [
            ContractField(
                "token", .string(pattern: nil), "The invitation token from the mail.", required: true, maxLength: ContractField.tokenMaxLength),
        ])
    }

    /// `POST /organizations/{id}/invitations/join` (only where the app declares the route).
    public var joinOrganization: ContractBody {
        ContractBody("AuthInvitationJoin", [
            ContractField(
                "token", .string(pattern: nil), "The invitation token from the mail.", required: true, maxLength: ContractField.tokenMaxLength),
            ContractField("name", .string(pattern: nil), "Display name of the new account.", required: true, minLength: 1, maxLength: 200),
            ContractField("password", .string(pattern: nil), options.passwordRules, required: true, minLength: options.passwordMinLength),
        ])
    }

    /// `POST /organizations/{id}/tokens`.
    public var organizationTokens: ContractBody {
        ContractBody("AuthOrganizationTokensRequest", [
            ContractField("project_id", .id(.project, prefix: nil), "Narrow the session to this live project of the organization (`prj`).", nullable: true),
        ])
    }

    /// `POST /organizations/{id}/projects`.
    public var createProject: ContractBody {
        ContractBody("AuthProjectCreate", [
            ContractField("name", .string(pattern: nil), "Display name.", required: true, minLength: 1, maxLength: 200),
            ContractField(
                "slug", .string(pattern: ContractField.slugPattern), "Short name, unique in the organization: lowercase letters, digits and -.",
                required: true),
            ContractField("description", .string(pattern: nil), "What the project is.", nullable: true, maxLength: 1000),
        ])
    }
}
