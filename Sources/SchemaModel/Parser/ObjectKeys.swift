/// The keys one kind of schema object accepts, and which of them are required.
///
/// The parser reads objects only through these lists, and a test compares them with the
/// `$defs` of `Schemas/loom-schema.json`, so the parser and the editor schema cannot drift.
struct ObjectKeys: Sendable {
    /// Every accepted key, in documentation order.
    let accepted: [String]
    /// Keys that must be present.
    let required: Set<String>

    /// Creates a key list; every required key must also be accepted.
    init(accepted: [String], required: Set<String> = []) {
        precondition(required.isSubset(of: accepted), "required keys must be accepted keys")
        self.accepted = accepted
        self.required = required
    }
}
