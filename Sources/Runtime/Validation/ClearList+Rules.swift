import APIContract

extension ClearList {
    /// Whether `rule` may be named in `clear`.
    static func clearable(_ rule: FieldRule) -> Bool { clearable(nullable: rule.nullable, readOnly: rule.readOnly) }

    /// The wire names `clear` may hold for a table with `rules`, in field order; empty when the
    /// table takes no clear list.
    public static func fields(of rules: [FieldRule]) -> [String] {
        names(of: rules.map { ($0.name, $0.nullable, $0.readOnly) })
    }
}
