/// An error body as a JSON template (`errors.body` in `app.json`): objects nest, a string
/// names what an error carries (`"code"`, `"message"`, ...), `{"const": value}` is written as
/// is. Sovrium's `{"success": false, "message": ..., "code": ...}` is
/// `{"success": {"const": false}, "message": "message", "code": "code"}`.
public indirect enum ErrorBodyTemplate: Codable, Sendable, Hashable {
    /// An object with these members, in order.
    case object([Member])
    /// A value taken from the error.
    case value(ErrorBodyValue)
    /// A fixed JSON value.
    case constant(JSONValue)

    /// One member of a template object.
    public struct Member: Codable, Sendable, Hashable {
        /// JSON name.
        public var name: String
        /// What it holds.
        public var template: ErrorBodyTemplate

        /// Creates a member.
        public init(_ name: String, _ template: ErrorBodyTemplate) {
            self.name = name
            self.template = template
        }
    }

    /// The member names leading to where the template writes `value` (`["error", "details"]`);
    /// `nil` when it does not write it.
    public func path(of value: ErrorBodyValue) -> [String]? {
        switch self {
        case .value(let written): return written == value ? [] : nil
        case .constant: return nil
        case .object(let members):
            for member in members {
                if let rest = member.template.path(of: value) { return [member.name] + rest }
            }
            return nil
        }
    }

    /// Every value the template takes from the error, in order.
    public var values: [ErrorBodyValue] {
        switch self {
        case .object(let members): return members.flatMap(\.template.values)
        case .value(let value): return [value]
        case .constant: return []
        }
    }
}

/// What a string in an error body template stands for.
public enum ErrorBodyValue: String, Codable, Sendable, CaseIterable, Hashable {
    /// The app's code (`VALIDATION_ERROR`).
    case code
    /// The human explanation.
    case message
    /// The HTTP status as a number.
    case status
    /// The HTTP reason phrase.
    case title
    /// `urn:loom:problem:<code in kebab case>` (RFC 9457 `type`).
    case type
    /// The request id (the value of the request id header).
    case requestId
    /// `[{"field", "message"}]`, one per invalid field.
    case fieldErrors
}

extension ErrorFormat {
    /// The preset as a template: the one definition both the runtime and the document follow.
    public var template: ErrorBodyTemplate {
        switch self {
        case .problem:
            return .object([
                .init("type", .value(.type)), .init("title", .value(.title)), .init("status", .value(.status)),
                .init("detail", .value(.message)), .init("code", .value(.code)), .init("request_id", .value(.requestId)),
                .init("errors", .value(.fieldErrors)),
            ])
        case .envelope:
            return .object([
                .init("error", .object([
                    .init("code", .value(.code)), .init("message", .value(.message)), .init("details", .value(.fieldErrors)),
                    .init("request_id", .value(.requestId)),
                ]))
            ])
        case .flat:
            return .object([
                .init("error_code", .value(.code)), .init("message", .value(.message)), .init("request_id", .value(.requestId)),
                .init("errors", .value(.fieldErrors)),
            ])
        }
    }
}
