/// Which column changes keep every existing value.
enum ColumnChange {
    /// Kinds any value of which the target kind also holds (text types take every string).
    private static let widenings: Set<String> = [
        "integer>number", "string>text", "email>string", "email>text", "url>string", "url>text",
        "enum>string", "enum>text", "string>json",
    ]

    /// Whether the type change keeps every value (same type, or a widening).
    static func widens(from old: ColumnSnapshot, to new: ColumnSnapshot) -> Bool {
        if old.kind == new.kind {
            return old.sqliteType == new.sqliteType && old.postgresType == new.postgresType
                && referencedTable(old.references) == referencedTable(new.references)
        }
        return widenings.contains(old.kind + ">" + new.kind)
    }

    /// Whether every value the old check accepted still passes the new one.
    static func checkWidens(from old: ColumnSnapshot, to new: ColumnSnapshot) -> Bool {
        guard let newValues = new.values else { return true }
        guard let oldValues = old.values else { return true }
        return Set(oldValues).isSubset(of: Set(newValues))
    }

    /// The table a `REFERENCES "projects" ("id") ...` clause points at.
    static func target(_ clause: String?) -> String? {
        guard let clause, let start = clause.range(of: "REFERENCES \"") else { return nil }
        let rest = clause[start.upperBound...]
        return rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
    }

    /// `REFERENCES "projects" ("id")` without the `ON DELETE` action, which may change freely.
    private static func referencedTable(_ clause: String?) -> String? {
        guard let clause, let range = clause.range(of: " ON DELETE") else { return clause }
        return String(clause[..<range.lowerBound])
    }
}
