import Foundation
import Runtime

extension AuthService {
    /// `loom-server api-key create`: migrates the auth tables, then issues an API key owned by
    /// the account `owner`, so a fresh install gets its first key from the command line (issue
    /// 16), like `create-admin` and `set-role`. The rules follow `POST /api-keys` for an unbound
    /// key: the owner is an active app-level account whose current role (with
    /// `auth.impliedScopes`) grants every scope, the environment is one of
    /// `auth.apiKeys.prefixes`, and the key and its audit event are written in one transaction.
    /// Like every key, it is bounded by its owner's role on each use, so demoting the owner
    /// narrows the key.
    /// - Parameter environment: `nil`: the first declared environment.
    /// - Returns: the key's id (in the app's id format) and the whole key, shown this once.
    /// - Throws: `APIKeyCreationError` with the reason.
    public static func createAPIKey(
        owner: String, name: String, scopes: [String], environment: String?, settings: AuthSettings, database: any DatabaseClient,
        app: String
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
        let address = UserRecord.normalized(email: owner)
        guard let user = try await UserStore(sql: sql, database: database).find(email: address), user.status == UserRecord.active else {
            throw APIKeyCreationError(code: .unknownAccount, message: "no active account has the email \(address); sign up first")
        }
        let held = settings.expanding(settings.scopes(ofRole: user.role))
        if let scope = scopes.first(where: { !Identity.scopes(held, grant: $0) }) {
            throw APIKeyCreationError(
                code: .scopeNotHeld, message: "the owner's role \(user.role) does not grant \(scope); give it a role that does (set-role)")
        }
        let now = TimestampFormat.now()
        let record = APIKeyRecord(
            id: UUID(), userID: user.id, name: trimmed, issued: issued, scopes: Array(Set(scopes)).sorted(), allowedCIDRs: [],
            expiresAt: nil, now: now)
        _ = try await database.write([
            APIKeyStore(sql: sql, database: database).insert(record, issued: issued),
            AuditLog(sql: sql).event(
                "api_key_created", actor: user.id.uuidString.lowercased(), target: record.id.uuidString.lowercased(),
                detail: ["environment": record.environment, "purpose": record.purpose, "via": "api-key create"], ipAddress: nil, now: now),
        ])
        return (settings.ids.text(record.id, .apiKey), issued.text)
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
        /// The owner's role does not grant a requested scope.
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
