import APIContract

extension FieldRule {
    /// The validation rule of a contract body member: the constraints the document states are
    /// the ones `InputValidator` enforces.
    public init(contract field: ContractField) {
        let kind: Kind
        switch field.kind {
        case .string(let pattern): kind = .string(pattern: pattern.map(Pattern.init))
        case .email: kind = .email
        case .uuid, .id(_, prefix: nil): kind = .uuid
        case .id(_, let prefix?): kind = .prefixedUUID(prefix: prefix)
        case .datetime: kind = .datetime
        case .integer: kind = .integer
        case .boolean: kind = .boolean
        case .enumeration(let values): kind = .enumeration(values)
        case .array(let item): kind = .array(FieldRule(contract: item))
        }
        self.init(
            field.name, kind, required: field.required, nullable: field.nullable, minimum: field.minimum.map(Double.init),
            maximum: field.maximum.map(Double.init), minLength: field.minLength, maxLength: field.maxLength)
    }
}
