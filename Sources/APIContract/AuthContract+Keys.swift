/// The caller's API keys, when the app issues them.
extension AuthContract {
    /// The key routes; none without `auth.apiKeys`.
    var apiKeyRoutes: [ContractRoute<AuthOperation>] {
        guard options.apiKeys != nil else { return [] }
        return [
            route(
                .listAPIKeys, .get, "/api-keys", summary: "List API keys",
                description: "The caller's keys that are not revoked: prefix and last four characters, never the key.",
                responses: Self.json(200, "AuthAPIKeyList")),
            route(
                .createAPIKey, .post, "/api-keys", summary: "Create an API key",
                description: "Creates a key; the answer holds the key, shown this once. Its scopes cannot exceed the caller's (403). "
                    + "404 when `organization_id` names an organization the caller is not a member of, or `project_id` a project "
                    + "that is not live in it.",
                request: bodies.createAPIKey, responses: Self.json(201, "AuthAPIKey"), errors: [.notFound, .validationError]),
            route(
                .revokeAPIKey, .delete, "/api-keys/{id}", summary: "Revoke an API key", description: "The key stops working at once.",
                responses: Self.done(), errors: [.notFound]),
            route(
                .rotateAPIKey, .post, "/api-keys/{id}/rotate", summary: "Rotate an API key",
                description: "Creates a key with the same name, environment, scopes, allowlist and expiry; the old key "
                    + "stops working at once or after `grace_seconds`.",
                request: bodies.rotateAPIKey, requestOptional: true, responses: Self.json(201, "AuthAPIKey"),
                errors: [.notFound, .validationError]),
        ]
    }
}
