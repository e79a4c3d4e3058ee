import Runtime

/// The caller as `GET /identity` shows it: what kind of credential, whose, and what it may do.
struct IdentityResponse: JSONWritable {
    let identity: Identity

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("kind", identity.kind)
        writer.member("subject", identity.subject)
        writer.member("user_id", identity.userID)
        writer.member("session_id", identity.sessionID)
        writer.member("organization_id", identity.organizationID)
        writer.member("project_id", identity.projectID)
        writer.member("environment", identity.environment)
        if let impersonatorID = identity.impersonatorID { writer.member("impersonator_id", impersonatorID) }
        writer.member("scopes", identity.scopes.sorted())
        writer.endObject()
    }
}
