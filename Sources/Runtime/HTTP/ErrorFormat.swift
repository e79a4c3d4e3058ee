import APIContract

/// The shape of an app's error bodies, generated from its `app.json` (an `errorFormat` preset
/// or an `errors.body` template): a JSON template whose values are taken from each error.
public struct ErrorBodyFormat: Sendable {
    /// `Content-Type` of error bodies (`application/problem+json` for RFC 9457 bodies).
    public let contentType: String
    /// The body's template.
    public let template: ErrorBodyTemplate

    /// Creates a format.
    public init(contentType: String, template: ErrorBodyTemplate) {
        self.contentType = contentType
        self.template = template
    }

    /// Most field errors one body lists. The message still counts them all; the list stops here
    /// so a request with 10,000 unknown members or parameters gets an answer of a few KB, not
    /// megabytes built and sent for nothing.
    public static let maxListedFieldErrors = 20

    /// Renders an error body (the first `maxListedFieldErrors` field errors).
    public func body(for error: APIError, requestID: String) -> [UInt8] {
        var writer = JSONWriter(capacity: 256)
        write(template, error: error, requestID: requestID, to: &writer)
        return writer.bytes
    }

    private func write(_ template: ErrorBodyTemplate, error: APIError, requestID: String, to writer: inout JSONWriter) {
        switch template {
        case .object(let members):
            writer.beginObject()
            for member in members {
                writer.key(member.name)
                write(member.template, error: error, requestID: requestID, to: &writer)
            }
            writer.endObject()
        case .constant(let json):
            writer.value(json)
        case .value(let value):
            switch value {
            case .code: writer.value(error.code)
            case .message: writer.value(error.detail)
            case .status: writer.value(error.status.code)
            case .title: writer.value(error.status.reasonPhrase)
            case .type: writer.value(ProblemType.uri(code: error.code))
            case .requestID: writer.value(requestID)
            case .fieldErrors:
                writer.beginArray()
                for fieldError in error.fieldErrors.prefix(Self.maxListedFieldErrors) {
                    writer.beginObject()
                    writer.key("field")
                    writer.value(fieldError.field)
                    writer.key("message")
                    writer.value(fieldError.message)
                    writer.endObject()
                }
                writer.endArray()
            }
        }
    }
}

/// An error body template: objects of members, values taken from the error, fixed JSON.
public indirect enum ErrorBodyTemplate: Sendable {
    /// An object with these members, in order.
    case object([Member])
    /// A value of the error.
    case value(Value)
    /// Fixed JSON, written as is.
    case constant(RawJSON)

    /// One member of an object.
    public struct Member: Sendable {
        /// JSON name.
        public let name: String
        /// What it holds.
        public let template: ErrorBodyTemplate

        /// Creates a member.
        public init(_ name: String, _ template: ErrorBodyTemplate) {
            self.name = name
            self.template = template
        }
    }

    /// What a template value takes from the error.
    public enum Value: Sendable {
        /// The code.
        case code
        /// The human explanation.
        case message
        /// The HTTP status as a number.
        case status
        /// The HTTP reason phrase.
        case title
        /// `urn:loom:problem:<code>`.
        case type
        /// The request id.
        case requestID
        /// `[{"field", "message"}]`.
        case fieldErrors
    }
}
