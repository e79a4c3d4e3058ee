import APIContract
import Foundation
import Hummingbird
import ValueFormats

/// A request's query string checked against the query parameters a contract route declares:
/// the same names, bounds and formats the document states, refused like every list of the
/// API refuses them (400 naming each parameter, unknown names included). Shared by `Auth`'s
/// platform lists and the audit list.
public struct ContractQuery: Sendable {
    /// The decoded query string.
    public let query: QueryString
    /// The declared query parameters, read by their keys.
    public let parameters: [ContractParameter]

    /// Checks `request`'s query against `parameters`; each is given at most once, as on table
    /// lists (`ListQuery`): no declared parameter is a list.
    /// - Throws: `APIError` 400 naming every malformed, out-of-range, unknown or repeated parameter.
    public init(_ request: Request, parameters: [ContractParameter]) throws(APIError) {
        query = try QueryString(request.uri)
        let declared = parameters.filter { $0.location == .query }
        self.parameters = declared
        var errors: [APIError.FieldError] = []
        var seen = Set<String>()
        for (name, value) in query.parameters {
            guard seen.insert(name).inserted else {
                errors.append(.init(field: name, message: "is given more than once"))
                continue
            }
            guard let parameter = declared.first(where: { $0.name == name }) else {
                errors.append(.init(
                    field: name, message: "is not a query parameter of this list; allowed: \(declared.map(\.name).joined(separator: ", "))"))
                continue
            }
            if let problem = Self.problem(value, parameter.kind) { errors.append(.init(field: name, message: problem)) }
        }
        guard errors.isEmpty else {
            throw APIError.invalidParameters(errors)
        }
    }

    /// The value sent for the parameter Loom calls `key` (under the name the app gives it).
    private func value(_ key: String) -> String? {
        query[parameters.first { $0.key == key }?.name ?? key]
    }

    /// The integer `key`, already checked against its bounds.
    public func integer(_ key: String) -> Int? { value(key).flatMap { Int($0) } }

    /// The text `key`, trimmed; `nil` when absent or empty.
    public func text(_ key: String) -> String? {
        guard let value = value(key)?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        return value
    }

    /// The UUID `key` (for an auth resource's id, decoded from the app's format); `nil` when
    /// absent or empty.
    public func uuid(_ key: String) -> UUID? {
        guard let text = text(key) else { return nil }
        if case .id(_, let prefix?) = parameters.first(where: { $0.key == key })?.kind {
            return ResourceIDs.uuid(prefixed: text, prefix: prefix)
        }
        return ValueFormats.uuid(text)
    }

    /// What is wrong with `value` for a parameter of `kind`, or `nil`.
    private static func problem(_ value: String, _ kind: ContractParameter.Kind) -> String? {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        switch kind {
        case .string(let maxLength):
            guard let maxLength, trimmed.count > maxLength else { return nil }
            return "must be at most \(maxLength) characters long"
        case .uuid, .id(_, prefix: nil):
            // An empty value is not a UUID either (the document says `format: uuid`).
            return ValueFormats.uuid(trimmed) != nil ? nil : "must be a UUID"
        case .id(_, let prefix?):
            return ResourceIDs.uuid(prefixed: trimmed, prefix: prefix) != nil
                ? nil : "must be an id starting with \(prefix) followed by \(Base62ID.length) letters and digits"
        case .uri:
            return URL(string: trimmed)?.scheme == nil ? "must be an absolute URI" : nil
        case .date:
            return CalendarDay.number(trimmed) == nil ? "must be a day as YYYY-MM-DD, e.g. 2026-01-31" : nil
        case .dateTime:
            return TimestampFormat.parseTimestamp(trimmed) == nil ? "must be an ISO 8601 date-time, e.g. 2026-01-31T12:00:00Z" : nil
        case .integer(let minimum, let maximum):
            guard let number = Int(value), number >= (minimum ?? .min), number <= (maximum ?? .max) else {
                return "must be an integer from \(minimum.map(String.init) ?? "any") to \(maximum.map(String.init) ?? "any")"
            }
            return nil
        case .enumeration(let values):
            return values.contains(value) ? nil : "must be one of \(values.joined(separator: ", "))"
        }
    }
}
