import Foundation
import Runtime
import ValueFormats

extension AuthService {
    /// `loom-server api-key create`: migrates the auth tables, then issues an API key, so a fresh
    /// install gets its first key from the command line (issue 16), like `create-admin` and
    /// `set-role`. The rules follow `POST /api-keys` for an unbound key: the environment is one of
    /// `auth.apiKeys.prefixes`, and the key and its audit event are written in one transaction.
    ///
    /// - With `owner`, the key belongs to that active app-level account, whose current role (with
    ///   `auth.impliedScopes`) must grant every scope; like every key, it is bounded by its
    ///   owner's role on each use, so demoting the owner narrows the key.
    /// - Without `owner`, it is a service key of the app's service account (`ServiceAccount`):
    ///   no person owns it, its scopes are the ones given, each of which must be one the app
    ///   declares (`declaredScopes`), and it is bound to no organization.
    ///
    /// Either way the audit event names no actor (`actor_kind: system`, `via: api-key create`):
    /// an operator at the command line issued it, not the owner over HTTP.
    /// - Parameters:
    ///   - environment: `nil`: the first declared environment.
    ///   - declaredScopes: the scopes the app names (roles, implied scopes, operations), which a
    ///     service key may hold.
    /// - Returns: the key's id (in the app's id format) and the whole key, shown this once.
    /// - Throws: `APIKeyCreationError` with the reason.
    public static func createAPIKey(
        owner: String?, name: String, scopes: [String], environment: String?, settings: AuthSettings, database: any DatabaseClient,
        app: String, declaredScopes: Set<String> = []
    ) async throws -> (id: String, key: String) {
        guard let apiKeys = settings.apiKeys, let first = apiKeys.prefixes.first else {
            throw APIKeyCreationError(code: .notConfigured, message: "app \(app) declares no auth.apiKeys in app.json, so it issues no API keys")
        }
        let chosen = environment ?? first.environment
        guard let issued = APIKeyFormat(prefixes: apiKeys.prefixes).issue(environment: chosen) else {
            let declared = apiKeys.prefixes.map(\.environment).joined(separator: ", ")
            throw APIKeyCreationError(code: .invalidInput, message: "environment \"\(chosen)\" is not declared; use one of \(declared)")
        }
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, !scopes.isEmpty else {
            throw APIKeyCreationError(code: .invalidInput, message: "a key needs a name and at least one scope")
        }
        _ = try await AuthMigrations.apply(to: database, app: app)
        let sql = AuthSQL(dialect: database.dialect)
        let ownerID: UUID
        if let owner {
            ownerID = try await checkedOwner(owner, scopes: scopes, settings: settings, sql: sql, database: database)
        } else {
            if let scope = scopes.first(where: { !declaredScopes.contains($0) }) {
                throw APIKeyCreationError(
                    code: .scopeNotHeld,
                    message: "app \(app) declares no scope \(scope); use one of \(declaredScopes.sorted().joined(separator: ", "))")
            }
            ownerID = try await ServiceAccount(sql: sql, database: database).id()
        }
        let now = TimestampFormat.now()
        let record = APIKeyRecord(
            id: UUID(), userID: ownerID, name: trimmed, issued: issued, scopes: Array(Set(scopes)).sorted(), allowedCIDRs: [],
            expiresAt: nil, now: now)
        _ = try await database.write([
            APIKeyStore(sql: sql, database: database).insert(record, issued: issued),
            AuditLog(sql: sql).event(
                "api_key_created", actor: nil, target: ValueFormats.lowercaseText(of: record.id),
                detail: [
                    "environment": record.environment, "purpose": record.purpose, "via": "api-key create", "actor_kind": "system",
                    "owner": owner.map(UserRecord.normalized(email:)) ?? ServiceAccount.email,
                ], ipAddress: nil, now: now),
        ])
        return (settings.ids.text(record.id, .apiKey), issued.text)
    }

    /// The id of the active app-level account `owner`, whose role must grant every scope.
    private static func checkedOwner(
        _ owner: String, scopes: [String], settings: AuthSettings, sql: AuthSQL, database: any DatabaseClient
    ) async throws -> UUID {
        let address = UserRecord.normalized(email: owner)
        guard let user = try await UserStore(sql: sql, database: database).find(email: address), user.status == UserRecord.active else {
            throw APIKeyCreationError(code: .unknownAccount, message: "no active account has the email \(address); sign up first")
        }
        let held = settings.expanding(settings.scopes(ofRole: user.role))
        if let scope = scopes.first(where: { !Identity.scopes(held, grant: $0) }) {
            throw APIKeyCreationError(
                code: .scopeNotHeld, message: "the owner's role \(user.role) does not grant \(scope); give it a role that does (set-role)")
        }
        return user.id
    }
}

/// Why `loom-server api-key create` issued no key.
public struct APIKeyCreationError: Error, Sendable, CustomStringConvertible {
    /// Kinds of refusal.
    public enum Code: String, Sendable {
        /// The app declares no `auth.apiKeys`.
        case notConfigured
        /// No active account has the owner's email.
        case unknownAccount
        /// The owner's role does not grant a requested scope, or (without an owner) the app
        /// declares no such scope.
        case scopeNotHeld
        /// An empty name or scope list, or an undeclared environment.
        case invalidInput
    }

    /// What went wrong.
    public let code: Code
    /// The reason, for the command's error line.
    public let message: String

    /// The reason.
    public var description: String { message }
}
