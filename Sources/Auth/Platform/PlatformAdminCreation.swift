import APIContract
import Foundation
import Runtime
import ValueFormats

/// Creating a platform admin, shared by `POST /admin` and `loom-server create-admin` so both
/// apply the same rules: a valid email, a name, a password within the app's rules (minimum
/// length, at most 72 bytes, no NUL) and an email no other admin has.
struct PlatformAdminCreation: Sendable {
    let sql: AuthSQL
    let database: any DatabaseClient
    let passwords: PasswordHasher
    /// The body it takes (`PlatformRequestBodies.createAdmin`).
    let body: ContractBody

    /// Validates `json` against `body`, hashes the password and inserts the admin
    /// with an audit event in one transaction.
    /// - Throws: `APIError` 422 naming the field, 409 naming `email` when it is taken.
    func create(
        json: JSONInput, createdBy: String?, ipAddress: String?, now: Date, extraDetail: [String: String] = [:]
    ) async throws -> PlatformAdminRecord {
        let values = try ContractValidation(bodies: [body]).validate(json, as: body)
        let password = try values.string("password")
        try passwords.check(password, field: "password")
        let admin = PlatformAdminRecord(
            id: UUID(), email: UserRecord.normalized(email: try values.string("email")), name: try values.string("name"),
            passwordHash: try await passwords.hash(password), createdBy: createdBy.flatMap(ValueFormats.uuid), now: now)
        let store = PlatformAdminStore(sql: sql, database: database)
        do {
            _ = try await database.write([
                store.insert(admin),
                AuditLog(sql: sql).event(
                    "platform_admin_created", actor: createdBy, target: admin.idText,
                    detail: extraDetail.merging(["actor_kind": "platform_admin", "email": admin.email]) { old, _ in old },
                    ipAddress: ipAddress, now: now),
            ])
        } catch let error as DatabaseError {
            if case .uniqueViolation = error.code {
                throw APIError.conflict(
                    "A platform admin with this email already exists.", fieldErrors: [.init(field: "email", message: "is already registered")])
            }
            throw error
        }
        return admin
    }
}

extension AuthService {
    /// `loom-server create-admin`: migrates the auth tables, then creates a platform admin
    /// with the app's password rules. Needs no signing secret (it issues no token).
    /// - Throws: `PlatformAdminCreationError` with the reason (invalid field, duplicate email,
    ///   the app declares no `auth.platformAdmins`); `MigrationError` when migrating fails.
    public static func createPlatformAdmin(
        email: String, password: String, name: String, settings: AuthSettings, database: any DatabaseClient, app: String,
        passwordHashCost: Int? = nil
    ) async throws -> (id: String, email: String) {
        guard settings.platformAdmins != nil else {
            throw PlatformAdminCreationError(
                code: .notConfigured, message: "app \(app) declares no auth.platformAdmins in app.json; add it to serve platform admin routes")
        }
        _ = try await AuthMigrations.apply(to: database, app: app)
        let passwords = try await PasswordHasher.make(
            cost: passwordHashCost ?? settings.passwords.hashCost, minimumLength: settings.passwords.minLength)
        let creation = PlatformAdminCreation(
            sql: AuthSQL(dialect: database.dialect), database: database, passwords: passwords,
            body: PlatformRequestBodies(options: AuthContractOptions(settings: settings)).createAdmin)
        let json = JSONInput.object(["email": .string(email), "password": .string(password), "name": .string(name)])
        do {
            let admin = try await creation.create(
                json: json, createdBy: nil, ipAddress: nil, now: TimestampFormat.now(), extraDetail: ["via": "create-admin"])
            return (admin.idText, admin.email)
        } catch let error as APIError {
            let fields = error.fieldErrors.map { "\($0.field) \($0.message)" }.joined(separator: "; ")
            let code: PlatformAdminCreationError.Code = error.status == .conflict ? .duplicateEmail : .invalidInput
            throw PlatformAdminCreationError(code: code, message: fields.isEmpty ? error.detail : fields)
        }
    }
}

/// Why `loom-server create-admin` created no admin.
public struct PlatformAdminCreationError: Error, Sendable, CustomStringConvertible {
    /// Kinds of refusal.
    public enum Code: String, Sendable {
        /// The app has no `auth.platformAdmins`.
        case notConfigured
        /// An admin with the email exists.
        case duplicateEmail
        /// The email, password or name breaks a rule.
        case invalidInput
    }
    /// Kind of refusal.
    public let code: Code
    /// What is wrong and how to fix it.
    public let message: String
    /// `code: message`.
    public var description: String { "\(code.rawValue): \(message)" }
}
