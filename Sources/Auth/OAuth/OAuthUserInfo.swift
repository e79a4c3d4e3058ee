import Runtime

/// What Loom takes from a provider's user info: a stable user id, an email address, whether
/// the provider vouches that the address is verified, and a display name.
struct OAuthUserInfo: Sendable, Equatable {
    /// The provider's user id (numbers as decimal text).
    let userID: String
    /// Lower-cased email address, if the provider shared one.
    let email: String?
    /// Whether the provider says the address is verified. Without a verified flag this is
    /// `false`: an address is never trusted by default.
    let emailVerified: Bool
    /// Display name (may be empty).
    let name: String

    /// Reads `object` with `fields`. With an address list (GitHub's `/user/emails`), the
    /// primary verified address wins, then any verified one; an unverified primary address is
    /// kept as unverified.
    /// - Throws: a 502 `APIError` when the user id is missing.
    init(object: [String: Any], addresses: [[String: Any]]?, fields: OAuthUserFields, provider: String) throws {
        guard let userID = Self.text(at: fields.userID, in: object), !userID.isEmpty else {
            throw OAuthError.providerFailed(provider: provider, step: "userinfo", reason: "no user id at \(fields.userID)")
        }
        self.userID = userID
        self.name = Self.text(at: fields.name, in: object) ?? ""
        var email = Self.text(at: fields.email, in: object)
        var verified = fields.emailVerified.map { Self.flag(at: $0, in: object) } ?? false
        if let addresses {
            let entries = addresses.compactMap { entry -> (email: String, primary: Bool, verified: Bool)? in
                guard let address = entry["email"] as? String else { return nil }
                return (address, entry["primary"] as? Bool ?? false, entry["verified"] as? Bool ?? false)
            }
            if let best = entries.first(where: { $0.primary && $0.verified }) ?? entries.first(where: { $0.verified }) {
                email = best.email
                verified = true
            } else if let primary = entries.first(where: { $0.primary }) {
                email = primary.email
                verified = false
            } else {
                verified = false
            }
        }
        let normalized = email.map(UserRecord.normalized(email:)).flatMap { $0.isEmpty ? nil : $0 }
        self.email = normalized
        self.emailVerified = normalized != nil && verified
    }

    /// The value at a dotted path as text: strings as they are, integers in decimal.
    static func text(at path: String, in object: [String: Any]) -> String? {
        switch value(at: path, in: object) {
        case let text as String: return text
        case let number as Int: return String(number)
        case let number as Int64: return String(number)
        case let number as Double where number.rounded() == number && abs(number) < 1e15: return String(Int64(number))
        default: return nil
        }
    }

    /// Whether the value at a dotted path is `true` (or the string `"true"`, as some providers send).
    static func flag(at path: String, in object: [String: Any]) -> Bool {
        switch value(at: path, in: object) {
        case let flag as Bool: return flag
        case let text as String: return text == "true"
        default: return false
        }
    }

    private static func value(at path: String, in object: [String: Any]) -> Any? {
        var current: Any? = object
        for key in path.split(separator: ".") {
            current = (current as? [String: Any])?[String(key)]
        }
        return current
    }
}
