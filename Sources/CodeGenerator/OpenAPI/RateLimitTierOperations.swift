import APIContract
import OpenAPIKit
import SchemaModel

/// The rate-limit tier family (`APIContract`'s `RateLimitTierContract`) under the base path,
/// tagged `rate-limits`, with the components of its body and answers. Present when the app's
/// `rateLimits` section declares `tiers`.
struct RateLimitTierOperations {
    /// Tag of the tier routes.
    static let tag = "rate-limits"

    /// App-wide facts.
    let context: DocumentContext
    /// The app's rate-limit section (with tiers).
    let limits: RateLimitsConfig

    /// The family as the runtime builds it from the same tiers and ids.
    var contract: RateLimitTierContract {
        RateLimitTierContract(tiers: limits.tiers, ids: ResourceIDs(config: context.config.auth?.ids ?? [:]))
    }

    /// The family, documented.
    func routes() -> [DocumentedRoute] {
        let documenter = ContractDocumenter(context: context)
        let prefix = context.config.basePath + limits.tiersPath
        return contract.routes.flatMap { documenter.document($0, prefix: prefix, tag: Self.tag) }
    }

    /// The change body, one tier and the list, and an assignment, as `Runtime`'s
    /// `RateLimitTierList` and `RateLimitTierAssignmentAnswer` write them.
    func schemas() throws -> [(String, JSONSchema)] {
        let fields = FieldSchemaBuilder(context: context, file: context.config.file)
        let change = contract.change
        let body = try fields.verbatim.requestBody(change)
        let tier = try fields.properties(of: [
            FieldSchema(name: "name", type: .string, description: "The tier's name, as `RateLimit-Policy` names it.", required: true),
            FieldSchema(name: "quota", type: .integer, description: "Requests allowed in one window.", required: true),
            FieldSchema(name: "window", type: .integer, description: "The window in seconds.", required: true),
            FieldSchema(name: "default", type: .boolean, description: "Whether callers without an assigned tier have it.", required: true),
        ], usage: .input)
        let assignment = try fields.properties(of: [
            FieldSchema(name: "id", type: .string, description: "The API key's or organization's id.", required: true),
            FieldSchema(name: "tier", type: .string, description: "The tier assigned to it, or null.", required: true, nullable: true),
            FieldSchema(
                name: "effective_tier", type: .string,
                description: "The tier its requests count against: its own, else (a key) its organization's, else the default.",
                required: true),
        ], usage: .input)
        let list = SchemaFactory.object(
            [.init(fields.naming.name("items"), SchemaFactory.array(of: SchemaFactory.reference(RateLimitTierContract.tierSchema),
                description: "The tiers in declaration order."), required: true)],
            description: "The app's rate-limit tiers.")
        return [
            (change.name, body),
            (RateLimitTierContract.tierSchema, SchemaFactory.object(tier, description: "A rate-limit tier.")),
            (RateLimitTierContract.listSchema, list),
            (RateLimitTierContract.assignmentSchema, SchemaFactory.object(assignment, description: "The tier of an API key or organization.")),
        ]
    }
}
