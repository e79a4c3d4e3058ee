extension JSONWriter {
    /// Writes `"name": role`, a declared role name in the app's wire spelling (`auth.roleSpelling`;
    /// `null` when absent), so every answer carrying a role spells it the same way.
    public mutating func member(_ name: String, role: String?) {
        key(name)
        if let role { value(roles.wire(role)) } else { null() }
    }
}
