import APIContract
import OpenAPIKit
import SchemaModel

/// The usage family (`APIContract`'s `UsageContract`) as operations under the base path, tagged
/// `usage`, with the components of its answer. Present when the app has a `usage` section.
struct UsageOperations {
    /// Tag of the usage route.
    static let tag = "usage"

    /// App-wide facts.
    let context: DocumentContext
    /// The app's `usage` section.
    let usage: UsageConfig

    /// The usage route, documented.
    func routes() -> [DocumentedRoute] {
        let documenter = ContractDocumenter(context: context)
        return UsageContract(path: usage.path, page: context.config.limits.contractPageSize, ids: ResourceIDs(config: context.config.auth?.ids ?? [:])).routes.flatMap { documenter.document($0, prefix: context.config.basePath, tag: Self.tag) }
    }

    /// `UsageDay`, `UsageLatency` and `UsagePage`, as `Runtime`'s `UsageRow` writes them.
    func schemas() throws -> [(String, JSONSchema)] {
        let fields = FieldSchemaBuilder(context: context, file: context.config.file)
        var row = try fields.properties(of: [
            FieldSchema(name: "day", type: .date, description: "The UTC day counted.", required: true),
            FieldSchema(
                name: "api_key_id", type: .string,
                description: "The API key the requests were made with; null for requests with a user's token (and for rows summed "
                    + "per organization).",
                required: true, nullable: true),
            FieldSchema(
                name: "organization_id", type: .string, description: "The organization the callers were bound to; null when none.",
                required: true, nullable: true),
            FieldSchema(name: "requests", type: .integer, description: "Requests answered.", required: true),
            FieldSchema(name: "client_errors", type: .integer, description: "Requests answered 4xx.", required: true),
            FieldSchema(name: "server_errors", type: .integer, description: "Requests answered 5xx.", required: true),
        ], usage: .input)
        row.append(.init(fields.naming.name("latency_ms"), SchemaFactory.reference(UsageContract.latencySchema), required: true))
        let percentiles = try fields.properties(of: ["p50", "p95", "p99"].map { name in
            FieldSchema(
                name: name, type: .number,
                description: "The \(name.dropFirst())th percentile of the answers' durations, in milliseconds, interpolated in the "
                    + "latency bucket it falls in.",
                required: true, nullable: true)
        }, usage: .input)
        // Loom's page `{items, total, limit, offset}`, or the app's list envelope (`envelopes.families`).
        let page = FamilyEnvelopes(config: context.config).of(.usage).list(
            of: SchemaFactory.reference(UsageContract.rowSchema), description: "One page of usage statistics, newest day first.",
            naming: fields.naming, page: FamilyEnvelopes.pageDescriptions("rows"))
        return [
            (UsageContract.rowSchema, SchemaFactory.object(row, description: "The requests of one UTC day, API key and organization.")),
            (UsageContract.latencySchema, SchemaFactory.object(percentiles, description: "Latency percentiles, in milliseconds.")),
            (UsageContract.pageSchema, page),
        ]
    }
}
