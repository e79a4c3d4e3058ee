import APIContract
import Foundation

/// A validated request body whose members are read by name, as its contract body declares
/// them, so a handler never depends on the order of the declaration.
public struct ContractInput: Sendable {
    /// The values, in the order of `body.fields`.
    public let values: ValidatedObject
    /// The declaration they were validated against.
    public let body: ContractBody

    /// The position of the member Loom calls `name` (its `key`, whatever the app spells it); a name the body does not declare is a bug in a handler: it stops
    /// debug builds at once and answers 500 in release builds.
    private func index(_ name: String) throws(APIError) -> Int {
        guard let index = body.fields.firstIndex(where: { $0.key == name }) else {
            assertionFailure("\(body.name) declares no member \(name)")
            throw APIError.internalError
        }
        return index
    }

    /// Whether the body names `name` at all (`null` included), so an update tells "clear it" from "keep it".
    public func isPresent(_ name: String) throws(APIError) -> Bool {
        let position = try index(name)
        return position < values.values.count && values.values[position] != nil
    }

    /// A required string-like member.
    public func string(_ name: String) throws(APIError) -> String { try values.string(index(name)) }
    /// An optional string-like member.
    public func optionalString(_ name: String) throws(APIError) -> String? { try values.optionalString(index(name)) }
    /// A boolean member, or `nil` when left out.
    public func optionalBool(_ name: String) throws(APIError) -> Bool? { try values.optionalBool(index(name)) }
    /// An optional integer member.
    public func optionalInteger(_ name: String) throws(APIError) -> Int64? { try values.optionalInteger(index(name)) }
    /// An optional UUID member.
    public func optionalUUID(_ name: String) throws(APIError) -> UUID? { try values.optionalUUID(index(name)) }
    /// A required timestamp member.
    public func timestamp(_ name: String) throws(APIError) -> Date { try values.timestamp(index(name)) }
    /// An optional timestamp member.
    public func optionalTimestamp(_ name: String) throws(APIError) -> Date? { try values.optionalTimestamp(index(name)) }
    /// An optional array member, its items still untyped.
    public func optionalArray(_ name: String) throws(APIError) -> [InputValue]? { try values.optionalArray(index(name)) }
}
