/// The bodies of the API key and project key routes.
extension AuthRequestBodies {
    /// Environments keys can belong to (none when the app issues no keys).
    private var environments: [String] { options.apiKeys?.environments ?? [] }
    /// The component documenting an environment (`auth.apiKeys.environments`).
    public static let environmentComponent = "APIKeyEnvironment"
    /// The component documenting a scope a key may hold (`auth.apiKeys.scopes`).
    public static let scopeComponent = "APIKeyScope"

    /// One entry of a key's `scopes`: one of the scopes the app names (`apiKeys.scopes`, with
    /// their wildcards), so a typo is 422 naming `scopes[i]` instead of a key that can do nothing.
    private func scopeItem(_ description: String) -> ContractField {
        guard let scopes = options.apiKeys?.scopes, !scopes.isEmpty else {
            return ContractField("scopes", .string(pattern: nil), description, minLength: 1, maxLength: 100)
        }
        return ContractField("scopes", .enumeration(scopes), description + " One of the scopes this app names, or their wildcards.")
            .enumerated(as: Self.scopeComponent)
    }

    /// `POST /api-keys`.
    public var createAPIKey: ContractBody {
        let scope = scopeItem("A scope the caller holds.")
        let cidr = ContractField("allowed_cidrs", .string(pattern: nil), "An IP address or CIDR range.", minLength: 1, maxLength: 64)
        return ContractBody("AuthAPIKeyCreate", [
            ContractField("name", .string(pattern: nil), "What the key is for.", required: true, minLength: 1, maxLength: 100),
            ContractField(
                "environment", .enumeration(environments), "Environment the key belongs to; it decides the key's prefix.", required: true)
                .enumerated(as: Self.environmentComponent),
            ContractField(
                "scopes", .array(scope),
                "What the key may do; each scope must be one the caller holds (in the key's organization, for a bound key). "
                    + "Required unless `service` is given (then: the role's scopes).",
                nullable: true, minLength: 1, maxLength: 50),
            ContractField("expires_at", .datetime, "When the key stops working; null: never.", nullable: true),
            ContractField(
                "allowed_cidrs", .array(cidr), "Addresses the key may be used from; empty or null: any.", nullable: true, maxLength: 50),
            ContractField(
                "organization_id", .id(.organization, prefix: nil),
                "Bind the key to this organization (404 unless a member); its scopes stay within your organization role, and it dies "
                    + "when you leave. Default: the binding of your token.",
                nullable: true),
            ContractField("project_id", .id(.project, prefix: nil), "Also bind it to this live project; it dies when the project is archived.", nullable: true),
            ContractField(
                "service", .string(pattern: "[a-z0-9][a-z0-9_-]{0,62}"),
                "Make a service token for this service (`kind: service`, subject = the service name).", nullable: true),
            ContractField(
                "role", .string(pattern: nil),
                "Role of a service token: one of `auth.roles` (or `auth.organizationRoles` when bound); its scopes never exceed the role's nor yours.",
                nullable: true, minLength: 1, maxLength: 100),
        ])
    }

    /// `PATCH /api-keys/{id}`: the members sent change, the others stay.
    public var updateAPIKey: ContractBody {
        let scope = scopeItem("A scope the caller holds.")
        let cidr = ContractField("allowed_cidrs", .string(pattern: nil), "An IP address or CIDR range.", minLength: 1, maxLength: 64)
        return ContractBody("AuthAPIKeyUpdate", [
            ContractField("name", .string(pattern: nil), "What the key is for.", minLength: 1, maxLength: 100),
            ContractField(
                "scopes", .array(scope), "What the key may do from now on; each scope must be one the caller holds.", minLength: 1,
                maxLength: 50),
            ContractField(
                "allowed_cidrs", .array(cidr), "Addresses the key may be used from; empty or null: any.", nullable: true, maxLength: 50),
            ContractField("expires_at", .datetime, "When the key stops working (in the future); null: never.", nullable: true),
        ], partial: true)
    }

    /// `PUT /api-keys/{id}`: a full replace of the writable members; one left out takes its
    /// empty value (`allowed_cidrs`: any address, `expires_at`: never).
    public var replaceAPIKey: ContractBody {
        let scope = scopeItem("A scope the caller holds.")
        let cidr = ContractField("allowed_cidrs", .string(pattern: nil), "An IP address or CIDR range.", minLength: 1, maxLength: 64)
        return ContractBody("AuthAPIKeyReplace", [
            ContractField("name", .string(pattern: nil), "What the key is for.", required: true, minLength: 1, maxLength: 100),
            ContractField(
                "scopes", .array(scope), "What the key may do from now on; each scope must be one the caller holds.", required: true,
                minLength: 1, maxLength: 50),
            ContractField(
                "allowed_cidrs", .array(cidr), "Addresses the key may be used from; absent, empty or null: any.", nullable: true,
                maxLength: 50),
            ContractField("expires_at", .datetime, "When the key stops working (in the future); absent or null: never.", nullable: true),
        ])
    }

    /// `POST /api-keys/{id}/rotate`.
    public var rotateAPIKey: ContractBody {
        ContractBody("AuthAPIKeyRotate", [
            ContractField(
                "grace_seconds", .integer, "How long the old key keeps working; 0 (default) ends it at once.", nullable: true, minimum: 0,
                maximum: options.apiKeys?.maxRotationGraceSeconds ?? 0),
        ])
    }

    /// `POST /organizations/{id}/projects/{project_id}/keys`.
    public var rotateProjectKey: ContractBody {
        let scope = scopeItem("A scope the caller's organization role grants.")
        return ContractBody("AuthProjectKeyRotate", [
            ContractField(
                "environment", .enumeration(environments), "The environment whose key is rotated; it decides the prefix.", required: true)
                .enumerated(as: Self.environmentComponent),
            ContractField("scopes", .array(scope), "What the key may do; default none.", nullable: true, maxLength: 50),
        ])
    }
}
