extension TableHandlers {
    /// Validates a write body (or a batch item's `data`) against the table's fields, first
    /// dropping server-owned members when the table ignores them (`serverOwnedFields: "ignore"`);
    /// otherwise the validator answers 422 naming each. An update may name nullable fields to
    /// set to `null` in `clear` (`ClearList`).
    func validated(_ body: JSONInput, mode: InputValidator.Mode) throws(APIError) -> ValidatedObject {
        guard !sql.ignoredMembers.isEmpty, case .object(let members) = body else {
            return try InputValidator.validate(body: body, rules: table.fields, mode: mode, clearList: true)
        }
        return try InputValidator.validate(
            body: .object(members.filter { !sql.ignoredMembers.contains($0.key) }), rules: table.fields, mode: mode, clearList: true)
    }
}
