/// The request bodies of the auth family: members, types, required members, lengths and formats.
///
/// The runtime validates every auth body with these declarations (`Auth`'s `AuthBodies`) and
/// the OpenAPI builder documents them as closed schemas, so the two cannot disagree.
public struct AuthRequestBodies: Sendable {
    /// The app's auth facts.
    public let options: AuthContractOptions

    /// Creates the bodies of an app.
    public init(options: AuthContractOptions) {
        self.options = options
    }

    /// `POST /signup`.
    public var signup: ContractBody {
        ContractBody("AuthSignupRequest", [
            ContractField("email", .email, "Email address; compared without case.", required: true, maxLength: ContractField.emailMaxLength),
            ContractField("password", .string(pattern: nil), options.passwordRules, required: true, minLength: options.passwordMinLength),
            ContractField("name", .string(pattern: nil), "Display name.", required: true, minLength: 1, maxLength: 200),
            ContractField(
                "organization_name", .string(pattern: nil),
                "Also create an organization with this name, owned by the new account, and bind the session to it (with `organization_slug`).",
                nullable: true, minLength: 1, maxLength: 200),
            ContractField(
                "organization_slug", .string(pattern: ContractField.slugPattern),
                "Unique short name of that organization (409 naming it when taken).", nullable: true),
        ])
    }

    /// `POST /register` (`auth.routes.register`): a personal account, the members of `signup`
    /// without an organization, so `name` is the person's on every path that serves it.
    public var register: ContractBody {
        ContractBody("AuthRegisterRequest", signup.fields.filter { ["email", "password", "name"].contains($0.key) })
    }

    /// `POST /login`.
    public var login: ContractBody {
        ContractBody("AuthLoginRequest", [
            ContractField("email", .email, "Email address of the account.", required: true, maxLength: ContractField.emailMaxLength),
            ContractField("password", .string(pattern: nil), "The account's password.", required: true),
            ContractField(
                "organization_id", .id(.organization, prefix: nil),
                "Bind the session to this organization (404 unless a member): its tokens carry `org` and the scopes of your organization role.",
                nullable: true),
            ContractField("project_id", .id(.project, prefix: nil), "Also narrow it to this live project of the organization (`prj`).", nullable: true),
        ])
    }

    /// `POST /refresh`.
    public var refresh: ContractBody {
        ContractBody("AuthRefreshRequest", [
            ContractField(
                "refresh_token", .string(pattern: nil),
                "The latest refresh token of the session; each is accepted once. Required unless sent as the `loom_refresh` cookie (cookie mode, with `X-CSRF-Token`).",
                nullable: true, maxLength: options.refreshTokensAreJWT ? ContractField.jwtMaxLength : ContractField.tokenMaxLength),
        ])
    }

    /// `PATCH /me`.
    public var updateProfile: ContractBody {
        ContractBody("AuthProfileUpdate", [
            ContractField("name", .string(pattern: nil), "New display name; absent or null keeps it.", nullable: true, minLength: 1, maxLength: 200),
            ContractField("email", .email, "New email address; absent or null keeps it.", nullable: true, maxLength: ContractField.emailMaxLength),
        ])
    }

    /// `POST /me/password`.
    public var changePassword: ContractBody {
        ContractBody("AuthPasswordChange", [
            ContractField("current_password", .string(pattern: nil), "The password in use now.", required: true),
            ContractField("new_password", .string(pattern: nil), options.passwordRules, required: true, minLength: options.passwordMinLength),
        ])
    }

    /// `POST /password/forgot`.
    public var forgotPassword: ContractBody {
        ContractBody("AuthPasswordForgot", [
            ContractField("email", .email, "Email address of the account.", required: true, maxLength: ContractField.emailMaxLength),
        ])
    }

    /// `POST /password/reset`.
    public var resetPassword: ContractBody {
        ContractBody("AuthPasswordReset", [
            ContractField("token", .string(pattern: nil), "The reset token from the mail.", required: true, maxLength: ContractField.tokenMaxLength),
            ContractField("new_password", .string(pattern: nil), options.passwordRules, required: true, minLength: options.passwordMinLength),
        ])
    }

    /// `POST /email/verify`.
    public var verifyEmail: ContractBody {
        ContractBody("AuthEmailVerify", [
            ContractField(
                "token", .string(pattern: nil), "The verification token from the mail.", required: true, maxLength: ContractField.tokenMaxLength),
        ])
    }

    /// `POST /sessions`.
    public var createSession: ContractBody {
        ContractBody("AuthSessionCreate", [
            ContractField(
                "expires_at", .datetime, "When the new session ends; at most `auth.tokens.maxSessionSeconds` (else the session lifetime) from now. Absent: the session lifetime.", nullable: true),
        ])
    }

    /// `PATCH /sessions/{id}`.
    public var extendSession: ContractBody {
        ContractBody("AuthSessionExtend", [
            ContractField(
                "expires_at", .datetime, "The session's new end; in the future and at most `auth.tokens.maxSessionSeconds` (else the session lifetime) from now.", required: true),
        ])
    }
}
