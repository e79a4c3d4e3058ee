import Foundation

extension JSONWriter {
    /// Writes `"name": value`.
    public mutating func member(_ name: String, _ value: some JSONWritable) {
        key(name)
        value.writeJSON(to: &self)
    }
}

extension String: JSONWritable {
    /// Writes a JSON string.
    public func writeJSON(to writer: inout JSONWriter) { writer.value(self) }
}

extension Int64: JSONWritable {
    /// Writes a JSON integer.
    public func writeJSON(to writer: inout JSONWriter) { writer.value(self) }
}

extension Int: JSONWritable {
    /// Writes a JSON integer.
    public func writeJSON(to writer: inout JSONWriter) { writer.value(self) }
}

extension Double: JSONWritable {
    /// Writes a JSON number.
    public func writeJSON(to writer: inout JSONWriter) { writer.value(self) }
}

extension Bool: JSONWritable {
    /// Writes `true` or `false`.
    public func writeJSON(to writer: inout JSONWriter) { writer.value(self) }
}

extension UUID: JSONWritable {
    /// Writes the lowercase UUID string.
    public func writeJSON(to writer: inout JSONWriter) { writer.value(self) }
}

extension Date: JSONWritable {
    /// Writes an ISO-8601 UTC timestamp with milliseconds.
    public func writeJSON(to writer: inout JSONWriter) { writer.value(self) }
}

extension Optional: JSONWritable where Wrapped: JSONWritable {
    /// Writes the value or `null`.
    public func writeJSON(to writer: inout JSONWriter) {
        if let value = self { value.writeJSON(to: &writer) } else { writer.null() }
    }
}

extension Array: JSONWritable where Element: JSONWritable {
    /// Writes a JSON array.
    public func writeJSON(to writer: inout JSONWriter) {
        writer.beginArray()
        for element in self { element.writeJSON(to: &writer) }
        writer.endArray()
    }
}
