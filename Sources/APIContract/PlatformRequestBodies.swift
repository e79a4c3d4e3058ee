/// The request bodies of the platform family, validated by `Auth` and documented by the
/// OpenAPI builder from this one declaration.
public struct PlatformRequestBodies: Sendable {
    /// The app's auth facts.
    public let options: AuthContractOptions

    /// Creates the bodies of an app.
    public init(options: AuthContractOptions) {
        self.options = options
    }

    /// `POST /auth/login`.
    public var login: ContractBody {
        ContractBody("PlatformLoginRequest", [
            ContractField("email", .email, "The admin's email address.", required: true, maxLength: ContractField.emailMaxLength),
            ContractField("password", .string(pattern: nil), "The admin's password.", required: true),
        ])
    }

    /// `POST /auth/refresh`.
    public var refresh: ContractBody {
        ContractBody("PlatformRefreshRequest", [
            ContractField(
                "refresh_token", .string(pattern: nil), "The platform session's latest refresh token; each is accepted once.", required: true,
                maxLength: ContractField.tokenMaxLength),
        ])
    }

    /// `POST /admin`, and `loom-server create-admin`.
    public var createAdmin: ContractBody {
        ContractBody("PlatformAdminCreate", [
            ContractField("email", .email, "The new admin's email address.", required: true, maxLength: ContractField.emailMaxLength),
            ContractField("password", .string(pattern: nil), options.passwordRules, required: true, minLength: options.passwordMinLength),
            ContractField("name", .string(pattern: nil), "Display name.", required: true, minLength: 1, maxLength: 200),
        ])
    }

    /// `PATCH /admin/me`.
    public var updateMe: ContractBody {
        ContractBody("PlatformAdminUpdate", [
            ContractField("name", .string(pattern: nil), "New display name; absent or null keeps it.", nullable: true, minLength: 1, maxLength: 200),
            ContractField("email", .email, "New email address; absent or null keeps it.", nullable: true, maxLength: ContractField.emailMaxLength),
            ContractField(
                "password", .string(pattern: nil), "New password (needs current_password); absent or null keeps it. " + options.passwordRules, nullable: true,
                minLength: options.passwordMinLength),
            ContractField("current_password", .string(pattern: nil), "The password in use now; required with password (absent or null keeps it unchecked).", nullable: true),
        ])
    }
}
