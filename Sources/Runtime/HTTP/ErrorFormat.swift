/// The shape of error bodies an app answers with (chosen in `app.json`).
public enum ErrorBodyFormat: String, Sendable, Hashable {
    /// RFC 9457 `application/problem+json`:
    /// `{type, title, status, detail, code, request_id, errors: [{field, message}]}`.
    case problem
    /// `{"error": {"code", "message", "details": [{field, message}], "request_id"}}`.
    case envelope
    /// `{"error_code", "message", "request_id", "errors": [{field, message}]}`.
    case flat

    /// Content type of error bodies in this format.
    public var contentType: String {
        self == .problem ? "application/problem+json" : "application/json"
    }

    /// Renders an error body.
    public func body(for error: APIError, requestID: String) -> [UInt8] {
        var writer = JSONWriter(capacity: 256)
        writer.beginObject()
        switch self {
        case .problem:
            writer.key("type")
            writer.value("urn:loom:problem:" + error.code.lowercased().replacingOccurrences(of: "_", with: "-"))
            writer.key("title")
            writer.value(error.status.reasonPhrase)
            writer.key("status")
            writer.value(error.status.code)
            writer.key("detail")
            writer.value(error.detail)
            writer.key("code")
            writer.value(error.code)
            writer.key("request_id")
            writer.value(requestID)
            writeFieldErrors(error.fieldErrors, key: "errors", to: &writer)
        case .envelope:
            writer.key("error")
            writer.beginObject()
            writer.key("code")
            writer.value(error.code)
            writer.key("message")
            writer.value(error.detail)
            writeFieldErrors(error.fieldErrors, key: "details", to: &writer)
            writer.key("request_id")
            writer.value(requestID)
            writer.endObject()
        case .flat:
            writer.key("error_code")
            writer.value(error.code)
            writer.key("message")
            writer.value(error.detail)
            writer.key("request_id")
            writer.value(requestID)
            writeFieldErrors(error.fieldErrors, key: "errors", to: &writer)
        }
        writer.endObject()
        return writer.bytes
    }

    private func writeFieldErrors(_ errors: [APIError.FieldError], key: String, to writer: inout JSONWriter) {
        writer.key(key)
        writer.beginArray()
        for error in errors {
            writer.beginObject()
            writer.key("field")
            writer.value(error.field)
            writer.key("message")
            writer.value(error.message)
            writer.endObject()
        }
        writer.endArray()
    }
}
