import APIContract

extension APIError {
    /// The error with its field names spelled as `body` spells its members: a handler names a
    /// field by Loom's key (`organization_id`, `allowed_cidrs[2]`), and the answer must use the
    /// name the client sent (`organizationId`, a route's renamed member), like the validator's
    /// errors do. Names that are not keys of `body` (already spelled, or not body members) stay.
    /// A message that lists the names (`validation`, `invalidParameters`) lists the new ones: an
    /// app whose error body has no field list (stationthis) names the fields only there.
    public func spelled(as body: ContractBody) -> APIError {
        guard !fieldErrors.isEmpty else { return self }
        let names = Dictionary(body.fields.map { ($0.key, $0.name) }, uniquingKeysWith: { first, _ in first })
        var copy = self
        copy.fieldErrors = fieldErrors.map { error in
            let end = error.field.firstIndex { $0 == "[" || $0 == "." } ?? error.field.endIndex
            guard let name = names[String(error.field[..<end])], name != String(error.field[..<end]) else { return error }
            return FieldError(field: name + error.field[end...], message: error.message)
        }
        let listed = ": \(Self.listing(fieldErrors)).", relisted = ": \(Self.listing(copy.fieldErrors))."
        if listed != relisted, detail.hasSuffix(listed) {
            copy.detail = String(detail.dropLast(listed.count)) + relisted
        }
        return copy
    }
}

extension RouteRegistry {
    /// `handler` with the field names of its `APIError`s spelled as `body` spells them
    /// (`APIError.spelled(as:)`); `handler` itself when the route takes no body.
    public static func spellingFieldErrors(_ handler: @escaping Handler, as body: ContractBody?) -> Handler {
        guard let body else { return handler }
        return { request, context in
            do {
                return try await handler(request, context)
            } catch let error as APIError {
                throw error.spelled(as: body)
            }
        }
    }
}
