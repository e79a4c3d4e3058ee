import HTTPTypes
import NIOCore

/// Where `CommonResponseHeaders` writes header fields: the `HTTPFields` of an answer going
/// through Hummingbird, or the encoded head of an inline answer (`HTTP1HeadBytes`). Generic
/// rather than an existential so each use compiles to straight-line writes.
protocol ResponseHeaderSink {
    /// Adds one field after those already written.
    mutating func append(_ name: HTTPField.Name, _ value: String)
}

extension HTTPFields: ResponseHeaderSink {
    mutating func append(_ name: HTTPField.Name, _ value: String) {
        append(HTTPField(name: name, value: value))
    }
}

/// An HTTP/1.1 response head being encoded into bytes, field by field, as NIO's encoder
/// would write the same fields (`Name: value` lines, names as registered).
struct HTTP1HeadBytes: ResponseHeaderSink {
    /// The bytes so far, starting with the status line.
    var buffer: ByteBuffer

    mutating func append(_ name: HTTPField.Name, _ value: String) {
        buffer.writeString(name.rawName)
        buffer.writeStaticString(": ")
        buffer.writeString(value)
        buffer.writeStaticString("\r\n")
    }
}
