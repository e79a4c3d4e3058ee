import APIContract
import Foundation
import Runtime

/// A validated request body whose members are read by name, as its contract body declares
/// them, so a handler never depends on the order of the declaration.
struct ContractInput {
    /// The values, in the order of `body.fields`.
    let values: ValidatedObject
    /// The declaration they were validated against.
    let body: ContractBody

    /// The position of the member Loom calls `name` (its `key`, whatever the app spells it); a name the body does not declare is a bug in a handler: it stops
    /// debug builds at once and answers 500 in release builds.
    private func index(_ name: String) throws(APIError) -> Int {
        guard let index = body.fields.firstIndex(where: { $0.key == name }) else {
            assertionFailure("\(body.name) declares no member \(name)")
            throw APIError.internalError
        }
        return index
    }

    /// A required string-like member.
    func string(_ name: String) throws(APIError) -> String { try values.string(index(name)) }
    /// An optional string-like member.
    func optionalString(_ name: String) throws(APIError) -> String? { try values.optionalString(index(name)) }
    /// An optional integer member.
    func optionalInteger(_ name: String) throws(APIError) -> Int64? { try values.optionalInteger(index(name)) }
    /// An optional UUID member.
    func optionalUUID(_ name: String) throws(APIError) -> UUID? { try values.optionalUUID(index(name)) }
    /// A required timestamp member.
    func timestamp(_ name: String) throws(APIError) -> Date { try values.timestamp(index(name)) }
    /// An optional timestamp member.
    func optionalTimestamp(_ name: String) throws(APIError) -> Date? { try values.optionalTimestamp(index(name)) }
    /// An optional array member, its items still untyped.
    func optionalArray(_ name: String) throws(APIError) -> [InputValue]? { try values.optionalArray(index(name)) }
}
