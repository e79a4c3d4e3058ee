import APIContract
import OpenAPIKit
import SchemaModel

extension FamilyEnvelopes {
    /// The family envelopes of an app (`envelopes.families` with its `record` and `list`), as
    /// the generated `AppSettings` hands them to the runtime and as the document describes them.
    init(config: AppConfig) {
        let envelopes = config.envelopes
        let families = Set(envelopes.families.compactMap(Family.init(rawValue:)))
        guard !families.isEmpty else {
            self = .loom
            return
        }
        let list = envelopes.list
        self.init(
            wrap: envelopes.record?.wrap, items: list?.items ?? FamilyEnvelopes.loom.items,
            members: list.map { $0.metadata.compactMap { PageMember(rawValue: $0.rawValue) } } ?? FamilyEnvelopes.loom.members,
            nest: list?.nest, families: families)
    }

    /// The Swift expression of these envelopes, for the generated `AppSettings`.
    var swiftExpression: String {
        let members = members.map { ".\($0)" }.joined(separator: ", ")
        let families = Family.allCases.filter(families.contains).map { ".\($0)" }.joined(separator: ", ")
        return "FamilyEnvelopes(wrap: \(wrap.map(SwiftNames.literal) ?? "nil"), items: \(SwiftNames.literal(items)), "
            + "members: [\(members)], nest: \(nest.map(SwiftNames.literal) ?? "nil"), families: [\(families)])"
    }

    /// A single answer's schema: `object` itself, or `{"<wrap>": object}`.
    func answer(_ object: JSONSchema, description: String, naming: JSONNaming) -> JSONSchema {
        guard let wrap else { return object }
        return SchemaFactory.object([.init(naming.name(wrap), object, required: true)], description: description)
    }

    /// A list's schema (`page == nil`: the items only) or a page's, its paging members spelled
    /// with `naming` and described by `page`.
    func list(
        of item: JSONSchema, description: String, naming: JSONNaming, page: [PageMember: String]? = nil
    ) -> JSONSchema {
        var properties: [SchemaFactory.Property] = [.init(naming.name(items), SchemaFactory.array(of: item, description: description), required: true)]
        guard let page else { return SchemaFactory.object(properties, description: description) }
        let paging: [SchemaFactory.Property] = members.map { member in
            let name = naming.name(member.rawValue)
            switch member {
            case .hasNextPage, .hasPreviousPage:
                return .init(name, .boolean(JSONSchema.CoreContext(description: page[member])), required: true)
            case .nextCursor:
                return .init(name, .string(JSONSchema.CoreContext(nullable: true, description: page[member]), JSONSchema.StringContext()), required: true)
            default:
                return .init(name, SchemaFactory.integer(page[member] ?? ""), required: true)
            }
        }
        if let nest {
            properties.append(.init(naming.name(nest), SchemaFactory.object(paging, description: "Where this page lies."), required: true))
        } else {
            properties += paging
        }
        return SchemaFactory.object(properties, description: description)
    }

    /// What each paging member says about a page of `things`.
    static func pageDescriptions(_ things: String) -> [PageMember: String] {
        [
            .total: "\(things.prefix(1).uppercased() + things.dropFirst()) matching the filters.",
            .limit: "\(things.prefix(1).uppercased() + things.dropFirst()) per page.",
            .offset: "\(things.prefix(1).uppercased() + things.dropFirst()) skipped.",
            .page: "The page number, from 1 (`offset / limit + 1`).",
            .totalPages: "Pages in all at this page size.",
            .hasNextPage: "Whether \(things) follow this page.",
            .hasPreviousPage: "Whether \(things) precede this page.",
            .nextCursor: "Always null: this list pages by offset.",
        ]
    }
}
