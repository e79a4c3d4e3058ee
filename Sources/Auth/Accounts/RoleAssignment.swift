import Foundation
import Runtime
import ValueFormats

extension AuthService {
    /// Gives the account `email` the app role `role` (`auth.roles`), with an audit event in the
    /// same transaction; `loom-server set-role` uses it to make the first admin of an app whose
    /// sign-up gives a lesser `defaultRole` (no HTTP route changes app roles). Migrates the auth
    /// tables first. The account's live access tokens carry the new role's scopes at once (the
    /// scopes are read from the account on every request).
    /// - Returns: the account's id.
    /// - Throws: `RoleAssignmentError` for an undeclared role or an unknown email.
    public static func assignRole(
        email: String, role: String, settings: AuthSettings, database: any DatabaseClient, app: String
    ) async throws -> String {
        guard settings.roles.contains(where: { $0.name == role }) else {
            let declared = settings.roles.map(\.name).joined(separator: ", ")
            throw RoleAssignmentError(code: .unknownRole, message: "app \(app) declares no role \"\(role)\" in auth.roles; use one of \(declared)")
        }
        _ = try await AuthMigrations.apply(to: database, app: app)
        let sql = AuthSQL(dialect: database.dialect)
        let address = UserRecord.normalized(email: email)
        let now = TimestampFormat.now()
        guard let user = try await UserStore(sql: sql, database: database).find(email: address) else {
            throw RoleAssignmentError(code: .unknownAccount, message: "no account has the email \(address); sign up first")
        }
        let id = ValueFormats.lowercaseText(of: user.id)
        _ = try await database.write([
            sql.statement("UPDATE auth_users SET role = ?, updated_at = ? WHERE id = ?", [.text(role), .timestamp(now), .uuid(user.id)]),
            AuditLog(sql: sql).event("role_assigned", actor: nil, target: id, detail: ["role": role, "via": "set-role"], ipAddress: nil, now: now),
        ])
        return id
    }
}

/// Why `loom-server set-role` changed no account.
public struct RoleAssignmentError: Error, Sendable, CustomStringConvertible {
    /// Kinds of refusal.
    public enum Code: String, Sendable {
        /// The role is not in the app's `auth.roles`.
        case unknownRole
        /// No account has the email.
        case unknownAccount
    }

    /// The kind.
    public let code: Code
    /// What to tell the operator.
    public let message: String

    /// Creates the error.
    public init(code: Code, message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}
