import Crypto
import Foundation
import Runtime
import ValueFormats

/// Started OAuth flows in `auth_oauth_states`, shared by every instance: the callback may
/// reach another instance than the one that started the flow.
///
/// The `state` sent to the provider is 256 random bits; only its SHA-256 is stored, so a copy
/// of the table cannot be replayed into a callback. The PKCE verifier is stored as is (the
/// token endpoint needs it); it is worthless without the authorization code, which only the
/// browser receives. A state is used once (deleted by the callback) and expires after
/// `auth.oauth.stateSeconds`.
struct OAuthStateStore: Sendable {
    let sql: AuthSQL
    let database: any DatabaseClient

    /// A flow that has just been started: what goes into the authorization URL.
    struct Started: Sendable {
        /// The `state` parameter.
        let state: String
        /// The PKCE `code_challenge` (S256 of the verifier).
        let codeChallenge: String
        /// The statements that record it.
        let statements: [SQLStatement]
    }

    /// A stored flow, read back by the callback.
    struct Pending: Sendable {
        /// SHA-256 of the state, the row's key.
        let stateHash: String
        /// The provider it was started for.
        let provider: String
        /// The PKCE verifier.
        let codeVerifier: String
        /// Where the browser goes once signed in (an allowlisted URL), if anywhere.
        let redirectTo: String?
        /// End of its life.
        let expiresAt: Date
        /// The project whose key started the flow (the callback signs in its end users only);
        /// `nil` for a flow of app-level accounts.
        let project: SessionBinding?
    }

    /// A new state and verifier for `provider`, with the statements storing them; expired
    /// states of every provider are deleted in the same transaction (indexed by expiry). A flow
    /// started with a project's key stores the project: the state cannot be finished in another.
    func start(provider: String, redirectTo: String?, project: SessionBinding?, now: Date, lifetimeSeconds: Int) -> Started {
        let state = SecretText.random(count: 43)
        let verifier = SecretText.random(count: 64)
        let statements = [
            sql.statement("DELETE FROM auth_oauth_states WHERE expires_at < ?", [.timestamp(now)]),
            sql.statement(
                """
                INSERT INTO auth_oauth_states (state_hash, provider, code_verifier, redirect_to, created_at, expires_at, \
                organization_id, project_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
                [
                    .text(SecretText.digest(state)), .text(provider), .text(verifier), redirectTo.map(SQLValue.text) ?? .null,
                    .timestamp(now), .timestamp(now.addingTimeInterval(TimeInterval(lifetimeSeconds))),
                    project?.organizationID.map(SQLValue.uuid) ?? .null, project?.projectID.map(SQLValue.uuid) ?? .null,
                ]),
        ]
        return Started(state: state, codeChallenge: Self.challenge(for: verifier), statements: statements)
    }

    /// Takes the flow of `state` out of the table: `nil` when it is unknown, already used
    /// (another request deleted it first), for another provider, or expired.
    func consume(state: String, provider: String, now: Date) async throws -> Pending? {
        guard state.utf8.count == 43, SecretText.isBase62(state[...]) else { return nil }
        let hash = SecretText.digest(state)
        let rows = try await database.fetch(sql.statement(
            """
            SELECT state_hash, provider, code_verifier, redirect_to, expires_at, organization_id, project_id \
            FROM auth_oauth_states WHERE state_hash = ?
            """,
            [.text(hash)]))
        guard let row = rows.first else { return nil }
        var reader = RowReader(row)
        let pending = Pending(
            stateHash: try reader.string(), provider: try reader.string(), codeVerifier: try reader.string(),
            redirectTo: try reader.optionalString(), expiresAt: try reader.timestamp(),
            project: Self.project(organization: try reader.optionalUUID(), project: try reader.optionalUUID()))
        let results = try await database.write([
            sql.statement("DELETE FROM auth_oauth_states WHERE state_hash = ?", [.text(hash)])
        ])
        guard results.first?.changes == 1, pending.provider == provider, pending.expiresAt.isLater(than: now) else { return nil }
        return pending
    }

    /// The stored binding of a flow: a project's (with its organization), or none.
    private static func project(organization: UUID?, project: UUID?) -> SessionBinding? {
        guard let organization, let project else { return nil }
        return SessionBinding(organizationID: organization, projectID: project)
    }

    /// The S256 code challenge: unpadded base64url of SHA-256 of the verifier (RFC 7636).
    static func challenge(for verifier: String) -> String {
        ValueFormats.base64URL(Array(SHA256.hash(data: Array(verifier.utf8))))
    }
}
