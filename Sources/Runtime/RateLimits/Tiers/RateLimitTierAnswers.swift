/// `GET <base>/rate-limits/tiers`: the app's tiers (`RateLimitTierList` in the document).
struct RateLimitTierList: JSONWritable {
    let tiers: RateLimitTiers

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.key("items")
        writer.beginArray()
        for tier in tiers.policies {
            writer.beginObject()
            writer.member("name", tier.name)
            writer.member("quota", tier.quota)
            writer.member("window", tier.window)
            writer.member("default", tier == tiers.defaultTier)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
    }
}

/// The tier of one API key or organization (`RateLimitTierAssignment` in the document): its id
/// in the app's format, the tier assigned to it (or `null`), and the tier its requests count
/// against.
struct RateLimitTierAssignmentAnswer: JSONWritable {
    /// The id as the path named it.
    let id: String
    /// The tier assigned to the holder itself.
    let tier: String?
    /// The tier its requests count against.
    let effectiveTier: String

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("id", id)
        writer.member("tier", tier)
        writer.member("effective_tier", effectiveTier)
        writer.endObject()
    }
}
