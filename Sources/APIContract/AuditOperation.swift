/// Every operation of the audit family (`AuditContract`): the read-only audit trail of an app
/// with an `audit` section. The raw value is the `operationId`.
public enum AuditOperation: String, ContractOperation {
    case listAuditEvents = "listAuditEvents"
    case getAuditEvent = "getAuditEvent"
}
