import Runtime

/// The validation rules of the platform request bodies (the OpenAPI document describes the
/// same members; a test compares them).
enum PlatformBodies {
    /// `POST /auth/login`: email, password.
    static let login: [FieldRule] = [
        FieldRule("email", .email, required: true, maxLength: 254),
        FieldRule("password", .string(pattern: nil), required: true),
    ]

    /// `POST /auth/refresh`: refresh_token.
    static let refresh: [FieldRule] = [FieldRule("refresh_token", .string(pattern: nil), required: true, maxLength: 200)]

    /// `POST /admin` (and `loom-server create-admin`): email, password, name.
    static let createAdmin: [FieldRule] = [
        FieldRule("email", .email, required: true, maxLength: 254),
        FieldRule("password", .string(pattern: nil), required: true),
        FieldRule("name", .string(pattern: nil), required: true, minLength: 1, maxLength: 200),
    ]

    /// `PATCH /admin/me`: name, email, and a new password with the current one (each optional).
    static let updateMe: [FieldRule] = [
        FieldRule("name", .string(pattern: nil), nullable: true, minLength: 1, maxLength: 200),
        FieldRule("email", .email, nullable: true, maxLength: 254),
        FieldRule("password", .string(pattern: nil), nullable: true),
        FieldRule("current_password", .string(pattern: nil), nullable: true),
    ]
}
