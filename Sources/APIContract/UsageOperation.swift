/// Every operation of the usage family (`UsageContract`): the usage statistics of an app with
/// a `usage` section. The raw value is the `operationId`.
public enum UsageOperation: String, ContractOperation {
    case listUsage = "listUsage"
}
