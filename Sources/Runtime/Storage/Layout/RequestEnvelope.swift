/// How write bodies are wrapped (`envelopes.request`): `{"<wrap>": {...}}`, required or not.
public struct RequestEnvelope: Sendable {
    /// The wrapping member, or `nil` for bare bodies.
    public let wrap: String?
    /// Whether a bare body is accepted as well.
    public let optional: Bool

    /// Creates an envelope.
    public init(wrap: String? = nil, optional: Bool = false) {
        self.wrap = wrap
        self.optional = optional
    }

    /// Bodies are the record's members.
    public static let bare = RequestEnvelope()

    /// The record's members of `body`: the wrapped object, or (when allowed) the body itself.
    /// A wrapped body holding anything else than one object member is a 422 naming the member.
    func unwrap(_ body: JSONInput) throws(APIError) -> (members: JSONInput, prefix: String) {
        guard let wrap else { return (body, "") }
        if case .object(let members) = body, let wrapped = members.first(where: { $0.key == wrap })?.value {
            guard members.count == 1 else {
                let others = members.map(\.key).filter { $0 != wrap }
                throw APIError.validation(others.map { .init(field: $0, message: "is not allowed beside \(wrap); send the record's members inside it") })
            }
            guard case .object = wrapped else {
                throw APIError.validation([.init(field: wrap, message: "must be an object holding the record's members")])
            }
            return (wrapped, wrap + ".")
        }
        guard optional else {
            throw APIError.validation([.init(field: wrap, message: "is required: send the record's members as {\"\(wrap)\": {...}}")])
        }
        return (body, "")
    }
}
