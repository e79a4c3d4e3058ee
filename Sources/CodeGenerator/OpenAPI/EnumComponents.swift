import OpenAPIKit

/// The named enumerations of one document: a string enum documented under a component name is
/// written once in `components.schemas` and referred to by `$ref` wherever it appears, so client
/// generators make one type of it (`TaskStatus`) instead of one per appearance.
///
/// A reference type because every builder of the document (paths first, then components) adds
/// to the same set; `OpenAPIBuilder` reads `components()` after everything else is built.
final class EnumComponents {
    private struct Entry {
        let values: [String]
        let description: String?
        let file: String
    }

    private var entries: [String: Entry] = [:]
    private var conflicts: [OpenAPIBuildError] = []

    /// Records the enum `name` with `values` (the first description given documents the
    /// component) and returns its reference. The same name with other values is an error,
    /// thrown by `components()`: one component cannot describe both.
    func reference(_ name: String, values: [String], description: String?, file: String) -> JSONSchema {
        if let known = entries[name] {
            if known.values != values {
                conflicts.append(OpenAPIBuildError(
                    code: .conflictingEnumeration,
                    message: "two enumerations would be the component \"\(name)\" with different values "
                        + "(\(known.values.joined(separator: ", ")) in \(known.file); \(values.joined(separator: ", ")) here); "
                        + "declare a distinct \"singular\" on one table, or rename one of the fields",
                    file: file))
            }
        } else {
            entries[name] = Entry(values: values, description: description, file: file)
        }
        return SchemaFactory.reference(name)
    }

    /// The recorded enums as schema components, in name order.
    func components() throws -> [(String, JSONSchema)] {
        if let conflict = conflicts.first { throw conflict }
        return entries.keys.sorted().compactMap { name in
            guard let entry = entries[name] else { return nil }
            return (name, .string(
                JSONSchema.CoreContext(description: entry.description, allowedValues: entry.values.map { AnyCodable($0) }),
                JSONSchema.StringContext()))
        }
    }
}
