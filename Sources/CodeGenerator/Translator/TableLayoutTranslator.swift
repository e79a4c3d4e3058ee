import APIContract
import SchemaModel

/// The `TableDescriptor` arguments that place and shape a table's routes (`path`, `routes`,
/// `envelopes`, `listParameters`, `forbiddenAsNotFound`, the app's `naming`), each emitted only
/// when it differs from the runtime's default, in the initializer's order.
struct TableLayoutTranslator {
    let translator: TableTranslator

    var table: TableSchema { translator.table }
    var app: AppConfig { translator.app }

    /// `label: expression` texts.
    func descriptorArguments() -> [String] {
        var arguments: [String] = []
        if !table.routes.isEmpty {
            let collection = table.path ?? app.basePath + "/" + table.name
            let declared = TableRouteKey.allCases.compactMap { key -> String? in
                guard let route = table.routes[key] else { return nil }
                return ".\(key.rawValue): [" + route.paths.map(SwiftNames.literal).joined(separator: ", ") + "]"
            }
            arguments.append("routes: TableRoutePaths(collection: \(SwiftNames.literal(collection)), [\(declared.joined(separator: ", "))])")
        }
        let envelopes = EnvelopesSchema.effective(table: table.envelopes, app: app.envelopes)
        if let wrap = envelopes.record?.wrap { arguments.append("recordEnvelope: RecordEnvelope(wrap: \(SwiftNames.literal(wrap)))") }
        if let list = envelopes.list, let expression = listEnvelope(list) { arguments.append("listEnvelope: " + expression) }
        if let request = envelopes.request, let wrap = request.wrap {
            arguments.append("requestEnvelope: RequestEnvelope(wrap: \(SwiftNames.literal(wrap)), optional: \(request.optional))")
        }
        if let batch = envelopes.batch {
            arguments.append("batchEnvelope: BatchEnvelope(items: \(SwiftNames.literal(batch.items)), created: \(SwiftNames.literal(batch.created)))")
        }
        if !table.listParameters.isEmpty {
            arguments.append("listParameters: [" + table.listParameters.map(listParameter).joined(separator: ", ") + "]")
        }
        if app.auth != nil, table.forbiddenAsNotFound ?? app.errors.forbiddenAsNotFound {
            arguments.append("forbiddenAsNotFound: true")
        }
        let timestamps = ["created_at", "updated_at", "deleted_at"].filter { app.jsonName($0) != $0 }
        if !timestamps.isEmpty {
            arguments.append("timestampNames: [" + timestamps.map { "\(SwiftNames.literal($0)): \(SwiftNames.literal(app.jsonName($0)))" }.joined(separator: ", ") + "]")
        }
        let columns = translator.columnNames
        if columns.contains(where: { app.columnName($0, of: table) != $0 }) {
            arguments.append("columns: [" + columns.map(SwiftNames.literal).joined(separator: ", ") + "]")
        }
        return arguments
    }

    /// `ListEnvelope(...)`, or `nil` for Loom's own page.
    private func listEnvelope(_ list: EnvelopesSchema.List) -> String? {
        let members = list.metadata.map { (member: $0, name: app.jsonName($0.rawValue)) }
        let isLoom = list.items == "items" && list.nest == nil && list.metadata == ListMetadata.loomDefault
            && members.allSatisfy { $0.name == $0.member.rawValue }
        guard !isLoom else { return nil }
        let written = members.map { "(.\(Self.caseName($0.member)), \(SwiftNames.literal($0.name)))" }.joined(separator: ", ")
        let nest = list.nest.map { ", nest: \(SwiftNames.literal($0))" } ?? ""
        return "ListEnvelope(items: \(SwiftNames.literal(list.items)), members: [\(written)]\(nest))"
    }

    /// The runtime's `ListEnvelope.Member` case of a metadata member.
    static func caseName(_ member: ListMetadata) -> String {
        switch member {
        case .total: return "total"
        case .limit: return "limit"
        case .offset: return "offset"
        case .page: return "page"
        case .totalPages: return "totalPages"
        case .hasNextPage: return "hasNextPage"
        case .hasPreviousPage: return "hasPreviousPage"
        case .nextCursor: return "nextCursor"
        }
    }

    /// `ListParameter(...)`: the compared column and a rule of the field's type without its
    /// create-time constraints (a bound is a question, not a write).
    private func listParameter(_ parameter: ListParameterSchema) -> String {
        let kind: String
        if parameter.field == table.primaryKey.name {
            kind = table.primaryKey.type == .integer ? ".integer" : table.primaryKey.type == .uuid ? ".uuid" : ".relation(\(FieldRules.keyKind(table.primaryKey)))"
        } else if let field = table.fields.first(where: { $0.name == parameter.field }) {
            var plain = FieldSchema(name: field.name, type: field.type, description: field.description)
            plain.values = field.values
            plain.table = field.table
            kind = FieldRules.kind(plain, referencedKeys: translator.referencedKeys, structPrefix: "")
        } else {
            kind = ".datetime"
        }
        return "ListParameter(name: \(SwiftNames.literal(parameter.name)), column: \(SwiftNames.literal(SQLTypes.quote(parameter.field)))"
            + ", comparison: \(SwiftNames.literal(parameter.compare.sqlOperator)), rule: FieldRule(\(SwiftNames.literal(parameter.name)), \(kind)))"
    }
}
