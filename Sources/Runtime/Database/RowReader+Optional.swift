import Foundation

extension RowReader {
    /// Reads text or `NULL`.
    public mutating func optionalString() throws(RowDecodingError) -> String? {
        if takeNull() { return nil }
        return try string()
    }

    /// Reads an integer or `NULL`.
    public mutating func optionalInteger() throws(RowDecodingError) -> Int64? {
        if takeNull() { return nil }
        return try integer()
    }

    /// Reads a number or `NULL`.
    public mutating func optionalNumber() throws(RowDecodingError) -> Double? {
        if takeNull() { return nil }
        return try number()
    }

    /// Reads a boolean or `NULL`.
    public mutating func optionalBool() throws(RowDecodingError) -> Bool? {
        if takeNull() { return nil }
        return try bool()
    }

    /// Reads a UUID or `NULL`.
    public mutating func optionalUUID() throws(RowDecodingError) -> UUID? {
        if takeNull() { return nil }
        return try uuid()
    }

    /// Reads a timestamp or `NULL`.
    public mutating func optionalTimestamp() throws(RowDecodingError) -> Date? {
        if takeNull() { return nil }
        return try timestamp()
    }

    /// Reads a JSON document or `NULL`.
    public mutating func optionalJSON() throws(RowDecodingError) -> RawJSON? {
        if takeNull() { return nil }
        return try json()
    }
}
