import Foundation

/// The record members a client asked for with `fields=id,title`: a mask over the record's
/// members in select-list order. Unknown names are a 400 listing the allowed ones.
public struct FieldSelection: Sendable, Hashable {
    @usableFromInline let mask: [Bool]

    /// Whether the member at `position` is selected.
    @inlinable public func contains(_ position: Int) -> Bool { position < mask.count && mask[position] }

    init(mask: [Bool]) { self.mask = mask }

    /// Parses `fields`; `positions` maps member names to their position (built once per table).
    static func parse(_ text: String, positions: [String: Int]) throws(APIError) -> FieldSelection {
        // Positions are the record's select-list positions, write-only members left out, so the
        // last one may lie past `positions.count`: the mask covers every position.
        var mask = Array(repeating: false, count: (positions.values.max() ?? -1) + 1)
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

    /// Member positions of a table's records (`TableDescriptor.members`), write-only fields left out.
    static func positions(of table: TableDescriptor) -> [String: Int] {
        let hidden = Set(table.fields.filter(\.writeOnly).map(\.name))
        var positions: [String: Int] = [:]
        for (index, name) in table.members.enumerated() where !hidden.contains(name) { positions[name] = index }
        return positions
    }
}
