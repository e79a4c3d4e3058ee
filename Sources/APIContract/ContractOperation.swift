/// The operation ids of one route family.
///
/// Each family (`AuthOperation`, `PlatformOperation`, `SystemOperation`) is an enum whose raw
/// value is the OpenAPI `operationId`, so the runtime maps operations to handlers with an
/// exhaustive `switch`: a declared operation without a handler does not compile, and a
/// handler for an operation nobody declares cannot be written.
public protocol ContractOperation: RawRepresentable, CaseIterable, Hashable, Sendable where RawValue == String {}

extension ContractOperation {
    /// The operation's name in a schema's `routes` object: its Swift case name (`signup`,
    /// `listSessions`, `openAPIDocument`).
    public var routeKey: String { String(describing: self) }
}
