/// The `clear` member of a partial update's body (a table's `PATCH` and a batch's `update`,
/// and every contract body declared `partial`: API keys, webhook subscriptions): the names of
/// nullable fields to set to `null`,
/// for clients that cannot send an explicit `null` (typed clients omit `nil` members, so
/// `{"summary": null}` cannot be written with them): `{"clear": ["summary", "budget"]}` is
/// `{"summary": null, "budget": null}`.
///
/// `Runtime`'s `InputValidator` applies it and the OpenAPI builder documents it, both through
/// this rule (a server test compares every app's document with the runtime's field rules, and
/// holds every `PATCH` body with a nullable member to offering it). A body with a member named
/// `clear`, or with no nullable member clients may write, has no clear list.
public enum ClearList {
    /// The member's name, the same in every JSON naming style.
    public static let member = "clear"

    /// Whether a field may be named in `clear`: nullable, and written by clients.
    public static func clearable(nullable: Bool, readOnly: Bool) -> Bool { nullable && !readOnly }

    /// The wire names `clear` may hold for a body with `members` (wire name, nullable, read-only),
    /// in their order; empty when the body takes no clear list (no member may be cleared, or one is
    /// named `clear`). The runtime's rules, contract bodies and the document all ask this.
    public static func names(of members: [(name: String, nullable: Bool, readOnly: Bool)]) -> [String] {
        let names = members.filter { clearable(nullable: $0.nullable, readOnly: $0.readOnly) }.map(\.name)
        return names.isEmpty || members.contains(where: { $0.name == member }) ? [] : names
    }
}
