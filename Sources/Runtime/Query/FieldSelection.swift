import Foundation

/// The record members a client asked for with `fields=id,title`: a mask over the record's
/// members in select-list order. Unknown names are a 400 listing the allowed ones.
public struct FieldSelection: Sendable, Hashable {
    @usableFromInline let mask: [Bool]

    /// Whether the member at `position` is selected.
    @inlinable public func contains(_ position: Int) -> Bool { position < mask.count && mask[position] }

    init(mask: [Bool]) { self.mask = mask }

    /// The members `fields` may name, built once per table (`members(of:)`).
    struct Members: Sendable {
        /// Member name → select-list position, write-only members left out.
        let positions: [String: Int]
        /// Every select-list position, write-only ones included: the mask's length (a member
        /// after a write-only one lies past `positions.count`).
        let count: Int
    }

    /// Parses `fields` against the table's `members`.
    static func parse(_ text: String, members: Members) throws(APIError) -> FieldSelection {
        let positions = members.positions
        var mask = Array(repeating: false, count: members.count)
        var unknown: [String] = []
        // Names exactly as documented (the OpenAPI pattern allows no spaces around them).
        for name in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let position = positions[String(name)] else {
                unknown.append(String(name.prefix(40)))
                continue
            }
            mask[position] = true
        }
        guard unknown.isEmpty else {
            let allowed = positions.sorted { $0.value < $1.value }.map(\.key).joined(separator: ", ")
            throw APIError.badRequest(
                "The field selection is invalid.",
                fieldErrors: [.init(field: "fields", message: "\(unknown.map { "'\($0)'" }.joined(separator: ", ")) \(unknown.count == 1 ? "is not a field" : "are not fields") of this record; allowed: \(allowed)")])
        }
        return FieldSelection(mask: mask)
    }

    /// The selectable members of a table's records (`TableDescriptor.members`), write-only fields left out.
    static func members(of table: TableDescriptor) -> Members {
        let hidden = Set(table.fields.filter(\.writeOnly).map(\.name))
        var positions: [String: Int] = [:]
        for (index, name) in table.members.enumerated() where !hidden.contains(name) { positions[name] = index }
        return Members(positions: positions, count: table.members.count)
    }
}
