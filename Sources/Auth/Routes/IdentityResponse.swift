import Runtime

/// The caller as `GET /identity` shows it: what kind of credential, whose, and what it may do.
struct IdentityResponse: JSONWritable {
    let identity: Identity

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.member("kind", identity.kind)
        // The subject is the account or the key: written like their ids.
        switch identity.kind {
        case "user", Identity.endUserKind: writer.member("subject", idText: identity.subject, .user)
        case "api_key": writer.member("subject", idText: identity.subject, .apiKey)
        default: writer.member("subject", identity.subject)
        }
        writer.member("user_id", idText: identity.userID, .user)
        writer.member("session_id", idText: identity.sessionID, .session)
        writer.member("organization_id", idText: identity.organizationID, .organization)
        writer.member("project_id", idText: identity.projectID, .project)
        writer.member("environment", identity.environment)
        if let impersonatorID = identity.impersonatorID { writer.member("impersonator_id", impersonatorID) }
        writer.member("scopes", identity.scopes.sorted())
        writer.endObject()
    }
}
