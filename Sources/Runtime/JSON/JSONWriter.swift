import APIContract
import Foundation
import ValueFormats

/// Writes compact JSON straight into bytes.
///
/// Generated records write themselves member by member, which avoids `JSONEncoder`'s
/// reflection and intermediate containers on the hot path of every response.
public struct JSONWriter: Sendable {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8]
    private var needsComma = false
    /// Member names are written through it: handwritten answers (`Auth`) name members in
    /// Loom's `snake_case` and the app may spell them `camelCase`. Generated records get their
    /// names already spelled, so their writers keep `.snakeCase` (names as given).
    private let naming: JSONNaming
    /// How the ids of auth resources are written (`member(_:id:_:)`): UUIDs unless the app
    /// declares prefixes (`auth.ids`).
    public let ids: ResourceIDs
    /// How role values are written (`member(_:role:)`): as declared unless the app declares
    /// `auth.roleSpelling`.
    public let roles: RoleSpelling

    /// Creates a writer, reserving room for a typical response; `naming` spells member names,
    /// `ids` writes the ids of auth resources and `roles` role values.
    public init(capacity: Int = 512, naming: JSONNaming = .snakeCase, ids: ResourceIDs = ResourceIDs(), roles: RoleSpelling = .snakeCase) {
        bytes = []
        bytes.reserveCapacity(capacity)
        self.naming = naming
        self.ids = ids
        self.roles = roles
    }

    /// The written JSON as a string.
    public var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Opens an object (`{`).
    public mutating func beginObject() {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    /// Closes an object (`}`).
    public mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// Opens an array (`[`).
    public mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    /// Closes an array (`]`).
    public mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Writes a member name; the next value written is its value.
    public mutating func key(_ name: String) {
        separate()
        writeString(naming == .snakeCase ? name : naming.name(name))
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// Writes `null`.
    public mutating func null() {
        separate()
        bytes.append(contentsOf: "null".utf8)
        needsComma = true
    }

    /// Writes a string value.
    public mutating func value(_ string: String) {
        separate()
        writeString(string)
        needsComma = true
    }

    /// Writes an integer value.
    public mutating func value(_ integer: Int64) {
        separate()
        writeDigits(integer)
        needsComma = true
    }

    /// Writes an integer value.
    public mutating func value(_ integer: Int) { value(Int64(integer)) }

    /// Writes a number; non-finite numbers (which JSON cannot express) are written as `null`.
    public mutating func value(_ number: Double) {
        guard number.isFinite else { return null() }
        separate()
        if number == number.rounded(), abs(number) < 1e15 {
            writeDigits(Int64(number))
        } else {
            bytes.append(contentsOf: number.description.utf8)
        }
        needsComma = true
    }

    /// Writes `true` or `false`.
    public mutating func value(_ bool: Bool) {
        separate()
        bytes.append(contentsOf: bool ? "true".utf8 : "false".utf8)
        needsComma = true
    }

    /// Writes a UUID as its lowercase string.
    public mutating func value(_ uuid: UUID) { value(ValueFormats.lowercaseText(of: uuid)) }

    /// Writes a timestamp as ISO-8601 UTC with milliseconds, straight into the buffer (no
    /// intermediate `String`: every record has two timestamps, on every response).
    public mutating func value(_ date: Date) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        TimestampFormat.write(date, into: &bytes)
        bytes.append(UInt8(ascii: "\""))
        needsComma = true
    }

    /// Writes a stored JSON document verbatim.
    public mutating func value(_ json: RawJSON) {
        separate()
        bytes.append(contentsOf: json.text.utf8)
        needsComma = true
    }

    /// Writes a parsed JSON value, sorting object keys so output is canonical.
    public mutating func value(_ input: JSONInput) {
        switch input {
        case .null: null()
        case .bool(let bool): value(bool)
        case .integer(let integer): value(integer)
        case .number(let number): value(number)
        case .string(let string): value(string)
        case .array(let elements):
            beginArray()
            for element in elements { value(element) }
            endArray()
        case .object(let members):
            beginObject()
            for key in members.keys.sorted() {
                self.key(key)
                value(members[key]!)
            }
            endObject()
        }
    }

    /// Writes any value that knows how to write itself.
    public mutating func value(_ writable: some JSONWritable) { writable.writeJSON(to: &self) }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    /// Appends the decimal digits of `integer` without creating a `String` first.
    private mutating func writeDigits(_ integer: Int64) {
        if integer < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = integer.magnitude
        var digitCount = 1
        var probe = magnitude
        while probe >= 10 {
            probe /= 10
            digitCount += 1
        }
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: digitCount))
        var index = bytes.count - 1
        repeat {
            bytes[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
            magnitude /= 10
            index -= 1
        } while magnitude > 0
    }

    /// Writes a quoted string; text that needs no escaping (nearly all) is copied in one step.
    private mutating func writeString(_ string: String) {
        bytes.append(UInt8(ascii: "\""))
        if string.utf8.allSatisfy({ $0 >= 0x20 && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }) {
            bytes.append(contentsOf: string.utf8)
            bytes.append(UInt8(ascii: "\""))
            return
        }
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

/// A value that writes itself as JSON (generated records and endpoint outputs).
public protocol JSONWritable: Sendable {
    /// Writes the value as one JSON value.
    func writeJSON(to writer: inout JSONWriter)
}

/// A JSON document kept as validated text (a `json` field), written out verbatim.
public struct RawJSON: Sendable, Hashable, JSONWritable {
    /// Compact JSON text.
    public let text: String
    /// Wraps text that is known to be valid JSON (it was validated on the way in).
    public init(validatedText text: String) { self.text = text }
    /// Parses the document.
    public func parsed() throws -> JSONInput { try JSONInputParser.parse(Array(text.utf8)) }
    /// Writes the document verbatim.
    public func writeJSON(to writer: inout JSONWriter) { writer.value(self) }
}
