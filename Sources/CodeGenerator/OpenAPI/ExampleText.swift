import Foundation
import OpenAPIKit

/// The example of a string schema: a value of its format, else a text its member's name suggests,
/// else a string its pattern matches; the first candidate within the schema's lengths and
/// pattern wins.
enum ExampleText {
    /// Values shown wherever their kind appears, so one example reads consistently.
    static let uuid = "3f6c2a9e-8b1d-4c7e-9a52-1d0e7b4f6a83"
    static let requestID = "0b9c4d1e-5f7a-4c3b-8e2d-6a1f9b7c3e55"
    static let time = "2026-01-15T09:30:00.000Z"
    /// An expiry: it lies in the future, as the server requires of a new one.
    static let futureTime = "2030-01-15T09:30:00.000Z"
    static let email = "ada@example.com"
    /// Not the password the CI's conformance account uses (an example request must not act as it).
    static let password = "plum-Orchard-42-lantern"
    static let token = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhZGEifQ.Zm9vYmFyYmF6"
    static let apiKey = "sk_live_AJ4Htvjv9T2xq7WmZpL3k6ML5"
    static let secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"
    static let entityTag = "\"5d41402abc4b2a76b9719d911017c592\""
    static let csrfToken = "vNpK0GVugcC5l2qDCPFYL7rJtvmSlMbs2FF2Tb0gaio"
    static func string(format: String, member: String?, context: JSONSchema.StringContext) -> String? {
        let pattern = context.pattern.flatMap { $0 == FieldSchemaBuilder.withoutNUL ? nil : $0 }
        let expression = pattern.flatMap { try? NSRegularExpression(pattern: $0) }
        if pattern != nil, expression == nil { return nil }
        var candidates = [formatted(format, member: member), named(member)].compactMap { $0 }
        if let pattern, let matching = PatternExample.string(matching: pattern) { candidates.append(matching) }
        if pattern == nil { candidates.append(padded(words(member), context)) }
        return candidates.first { candidate in
            let length = candidate.count
            guard length >= context.minLength, length <= (context.maxLength ?? .max) else { return false }
            guard let expression else { return true }
            let range = NSRange(candidate.startIndex..<candidate.endIndex, in: candidate)
            return expression.firstMatch(in: candidate, range: range) != nil
        }
    }

    /// A value of `format`; an expiry (`expires_at`, `expiresAt`) lies in the future.
    private static func formatted(_ format: String, member: String?) -> String? {
        switch format {
        case "date-time": return member?.lowercased().hasPrefix("expires") == true ? futureTime : time
        case "date": return "2026-01-15"
        case "time": return "09:30:00Z"
        case "email": return email
        case "uuid": return uuid
        case "uri", "url": return "https://example.com/"
        case "password": return password
        case "ipv4": return "203.0.113.7"
        case "ipv6": return "2001:db8::7"
        case "hostname": return "api.example.com"
        default: return nil
        }
    }

    /// Texts for common member names, compared without case, `_` or `-`.
    private static func named(_ member: String?) -> String? {
        guard let member else { return nil }
        let key = member.lowercased().filter { $0 != "_" && $0 != "-" }
        if let text = texts[key] { return text }
        if key.hasSuffix("email") { return email }
        if key.hasSuffix("url") || key.hasSuffix("uri") { return "https://example.com/webhooks/loom" }
        if member.hasSuffix("_at") || member.hasSuffix("At") { return time }
        if member == "id" || member.hasSuffix("_id") || member.hasSuffix("Id") { return uuid }
        if key.hasSuffix("token") { return token }
        if key.hasSuffix("password") { return password }
        if key.hasSuffix("name") { return "Ada Lovelace" }
        return nil
    }

    private static let texts: [String: String] = [
        "name": "Ada Lovelace", "title": "Write the launch plan", "label": "Launch",
        "username": email, "firstname": "Ada", "lastname": "Lovelace", "organizationname": "Acme Corp",
        "description": "Everything the launch needs, in order.", "summary": "Everything the launch needs, in order.",
        "details": "Everything the launch needs, in order.", "body": "Looks good to me.", "comment": "Looks good to me.",
        "notes": "Looks good to me.", "notetext": "Looks good to me.", "bio": "Mathematician and writer.",
        "message": "The request body has 1 invalid field: email.", "detail": "The request body has 1 invalid field: email.",
        "error": "connection refused", "lasterror": "connection refused", "disabledreason": "Every delivery failed for 5 days.",
        "slug": "acme-corp", "organizationslug": "acme-corp", "secret": secret,
        "webhooksecret": secret, "key": apiKey,
        "apikey": apiKey, "prefix": "sk_live_", "lastfour": "6ML5", "environment": "live",
        "csrftoken": csrfToken, "tokentype": "Bearer", "nextcursor": "eyJpZCI6NDJ9",
        "homepage": "https://example.com/", "website": "https://example.com/", "url": "https://example.com/webhooks/loom",
        "action": "created", "resource": "projects", "credential": "access_token", "actor": uuid,
        "subject": uuid, "role": "member", "scopes": "projects:read", "scope": "projects:read",
        "allowedcidrs": "10.0.0.0/8", "field": "email", "changedfields": "name", "eventtype": "projects.created",
        "eventtypes": "projects.created", "type": "projects.created", "tier": "standard", "effectivetier": "standard",
        "service": "loom", "app": "loom", "database": "ok", "status": "ok", "mode": "webhook", "kind": "user",
        "value": "42", "responsebody": "OK", "code": "VALIDATION_ERROR",
        "ip": "203.0.113.7", "ipaddress": "203.0.113.7", "clientip": "203.0.113.7", "useragent": "curl/8.5.0",
        "phone": "+44 20 7946 0958", "color": "#3366ff", "currency": "EUR", "country": "GB", "locale": "en-GB",
        "timezone": "Europe/London",
        // Header names.
        "etag": entityTag, "ifmatch": entityTag,
        "ifnonematch": entityTag, "xrequestid": requestID,
        "idempotencykey": "7f1c-render-1", "xidempotencykey": "7f1c-render-1", "idempotentreplayed": "true",
        "location": "/v1/projects/" + uuid, "xapikey": apiKey,
        "authorization": "Bearer " + token, "ratelimitpolicy": "\"api\";q=100;w=60",
        "ratelimit": "\"api\";r=99;t=60", "xcsrftoken": csrfToken,
        "cachecontrol": "no-store", "vary": "Origin", "setcookie": "loom_refresh=...; Path=/auth; HttpOnly; Secure; SameSite=Strict",
        // Query parameter names.
        "filter": "status=active", "sort": "-created_at", "fields": "id,name", "cursor": "eyJpZCI6NDJ9", "q": "launch",
        "search": "launch", "expand": "project",
    ]

    /// `Example <member in words>`, or `Example` for an unnamed string.
    private static func words(_ member: String?) -> String {
        guard let member, !member.isEmpty else { return "Example" }
        var words = ""
        for character in member {
            if character == "_" || character == "-" {
                words.append(" ")
            } else if character.isUppercase {
                words += " " + character.lowercased()
            } else {
                words.append(character)
            }
        }
        return "Example " + words.split(separator: " ").joined(separator: " ")
    }

    private static func padded(_ text: String, _ context: JSONSchema.StringContext) -> String {
        var text = text
        if let maximum = context.maxLength, text.count > maximum { text = String(text.prefix(maximum)) }
        if text.count < context.minLength { text += String(repeating: "x", count: context.minLength - text.count) }
        return text
    }
}
