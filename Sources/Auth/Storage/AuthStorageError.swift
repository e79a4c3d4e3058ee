/// An `auth_` row holds something the module never writes (edited by hand, or corrupted):
/// a server fault, answered 500 and logged.
struct AuthStorageError: Error, Sendable, CustomStringConvertible {
    /// Always `corruptRow`; a struct with a code, as the house style wants errors.
    let code = "corruptRow"
    /// What was found.
    let message: String

    var description: String { "\(code): \(message)" }
}
