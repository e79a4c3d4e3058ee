/// The caller's API keys, when the app issues them.
extension AuthContract {
    /// Name of the key list's page schema component (`{items, total, limit, offset}`, or the
    /// app's list envelope when `envelopes.families` names `apiKeys`).
    public static let apiKeyPageSchema = "AuthAPIKeyPage"
    /// The component of one key's answer (`AuthSchemas` writes it; links into it follow the
    /// app's `apiKeys` family envelope).
    public static let apiKeySchema = "AuthAPIKey"

    /// The key routes; none without `auth.apiKeys`. They take an access token, and also an API
    /// key holding `auth.apiKeys.manageScope` when the app names one.
    var apiKeyRoutes: [ContractRoute<AuthOperation>] {
        guard let apiKeys = options.apiKeys else { return [] }
        let credentials: ContractCredentials = apiKeys.manageScope == nil ? .userToken : .userTokenOrKey
        let byKey = apiKeys.manageScope.map {
            " An API key holding the scope `\($0)` may call it too, acting for the account that owns it: it sees and manages "
                + "that account's keys only, and a key it creates or changes never holds more than the calling key's scopes nor "
                + "outlives it (`expires_at`) nor reaches beyond its `allowed_cidrs`."
        } ?? ""
        return [
            route(
                .listAPIKeys, .get, "/api-keys", summary: "List API keys",
                description: "One page of the caller's keys that are not revoked, newest first, with the number of them all "
                    + "(`total`): prefix and last four characters, never the key." + byKey,
                responses: Self.json(200, Self.apiKeyPageSchema), credentials: credentials, errors: [.badRequest],
                query: apiKeys.page.parameters("Keys")),
            route(
                .createAPIKey, .post, "/api-keys", summary: "Create an API key",
                description: "Creates a key; the answer holds the key, shown this once. Its scopes cannot exceed the caller's (403). "
                    + "404 when `organization_id` names an organization the caller is not a member of, or `project_id` a project "
                    + "that is not live in it." + byKey,
                request: bodies.createAPIKey, responses: Self.json(201, Self.apiKeySchema).map { $0.linking(Self.keyOperations) },
                credentials: credentials,
                errors: [.notFound, .validationError]),
            route(
                .getAPIKey, .get, "/api-keys/{id}", summary: "Get an API key",
                description: "One of the caller's keys that is not revoked: prefix and last four characters, never the key." + byKey,
                responses: Self.json(200, Self.apiKeySchema), credentials: credentials, errors: [.notFound]),
            route(
                .updateAPIKey, .patch, "/api-keys/{id}", summary: "Update an API key",
                description: "Changes the members sent (name, scopes, allowlist, expiry); the key itself stays the same and is "
                    + "not shown. The key's scopes, old and new, must be ones the caller holds (403)." + byKey,
                request: bodies.updateAPIKey, responses: Self.json(200, Self.apiKeySchema), credentials: credentials,
                errors: [.notFound, .validationError]),
            route(
                .replaceAPIKey, .put, "/api-keys/{id}", summary: "Replace an API key",
                description: "Replaces the writable members (name, scopes, allowlist, expiry) with the body's: one left out "
                    + "takes its empty value (`allowed_cidrs`: any address, `expires_at`: never), so the same body twice answers "
                    + "the same key. The key itself, its environment and prefix stay and are not shown. The key's scopes, old and "
                    + "new, must be ones the caller holds (403)." + byKey,
                request: bodies.replaceAPIKey, responses: Self.json(200, Self.apiKeySchema), credentials: credentials,
                errors: [.notFound, .validationError]),
            route(
                .revokeAPIKey, .delete, "/api-keys/{id}", summary: "Revoke an API key", description: "The key stops working at once." + byKey,
                responses: Self.done(), credentials: credentials, errors: [.notFound]),
            route(
                .rotateAPIKey, .post, "/api-keys/{id}/rotate", summary: "Rotate an API key",
                description: "Creates a key with the same name, environment, scopes, allowlist and expiry; the old key "
                    + "stops working at once or after `grace_seconds`." + byKey,
                request: bodies.rotateAPIKey, requestOptional: true,
                responses: Self.json(201, Self.apiKeySchema).map { $0.linking(Self.keyOperations) }, credentials: credentials,
                errors: [.notFound, .validationError]),
        ]
    }

    /// The operations on one key, which a created (or rotated) key links to.
    static let keyOperations = [AuthOperation.getAPIKey, .updateAPIKey, .replaceAPIKey, .rotateAPIKey, .revokeAPIKey].map(\.rawValue)
}
