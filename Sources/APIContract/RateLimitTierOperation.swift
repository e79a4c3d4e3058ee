/// Every operation of the rate-limit tier family (`RateLimitTierContract`): the tiers an app
/// declares and the tier of each API key and organization, read and changed at run time. The
/// raw value is the `operationId`.
public enum RateLimitTierOperation: String, ContractOperation {
    case listTiers = "listRateLimitTiers"
    case getAPIKeyTier = "getAPIKeyRateLimitTier"
    case setAPIKeyTier = "setAPIKeyRateLimitTier"
    case getOrganizationTier = "getOrganizationRateLimitTier"
    case setOrganizationTier = "setOrganizationRateLimitTier"
}
