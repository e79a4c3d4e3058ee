/// The name of one record of a table (`project` for `projects`): what operation ids and
/// OpenAPI component names of a single record are made from (`getProject`, `ProjectCreate`).
///
/// A table may declare it (`"singular": "person"` for `people`); otherwise it is derived from
/// the table name's last word by a fixed rule, so the same name always gives the same result:
///
/// 1. `-ies` (five letters or more) becomes `-y`: `categories` -> `category`;
/// 2. `-sses`, `-shes`, `-tches`, `-xes`, `-zzes` lose `-es`: `addresses` -> `address`, `batches` -> `batch`;
/// 3. no default, the table must declare `singular`, where the ending does not tell: `-ss`, `-us`,
///    `-is` may already be singular (`status`, `access`, `analysis`), and `-uses`, `-ches` drop
///    `-es` or `-s` by word (`statuses` but `houses`, `branches` but `caches`);
/// 4. another `-s` is dropped: `projects` -> `project`, `point_transactions` -> `point_transaction`;
/// 5. a name without a final `s` is already one record's name: `user_data`, `staff`.
///
/// Irregular plurals (`people`, `movies`) follow the rule mechanically, so such a table declares
/// `singular`.
public enum SingularName {
    /// The default singular of `table`, or `nil` when rule 3 leaves it to the table.
    public static func derived(from table: String) -> String? {
        var words = table.split(separator: "_", omittingEmptySubsequences: false).map(String.init)
        guard let last = words.last, !last.isEmpty else { return nil }
        guard let singular = singularWord(last) else { return nil }
        words[words.count - 1] = singular
        return words.joined(separator: "_")
    }

    private static func singularWord(_ word: String) -> String? {
        if word.count >= 5, word.hasSuffix("ies") { return word.dropLast(3) + "y" }
        if ["sses", "shes", "tches", "xes", "zzes"].contains(where: word.hasSuffix) { return String(word.dropLast(2)) }
        if ["ss", "us", "is", "uses", "ches"].contains(where: word.hasSuffix) { return nil }
        if word.hasSuffix("s") {
            let stem = String(word.dropLast())
            return stem.isEmpty ? nil : stem
        }
        return word
    }
}

extension TableSchema {
    /// The name of one record: `singular` as declared, else the derived default, else (only for
    /// a schema the validator refused) the table name.
    public var singularName: String {
        singular ?? SingularName.derived(from: name) ?? name
    }
}
