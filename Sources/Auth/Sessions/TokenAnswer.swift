import APIContract
import Foundation
import Runtime

/// A token answer as the app shapes it: only the members `auth.tokens.responseMembers` lists
/// (all by default), in Loom's order.
struct TokenAnswer: JSONWritable {
    /// The tokens.
    let tokens: TokenResponse
    /// The members to write, in Loom's names.
    let members: Set<String>

    func writeJSON(to writer: inout JSONWriter) {
        writer.beginObject()
        if members.contains("success") { writer.member("success", true) }
        if members.contains("message") { writer.member("message", AuthContract.authenticatedMessage) }
        if members.contains("token") { writer.member("token", tokens.accessToken) }
        if members.contains("token_type") { writer.member("token_type", "Bearer") }
        if members.contains("access_token") { writer.member("access_token", tokens.accessToken) }
        if members.contains("expires_in") { writer.member("expires_in", tokens.expiresIn) }
        if members.contains("refresh_token") { writer.member("refresh_token", tokens.refreshToken) }
        if members.contains("session_id") { writer.member("session_id", id: tokens.sessionID, .session) }
        if members.contains("session_expires_at") { writer.member("session_expires_at", tokens.sessionExpiresAt) }
        if members.contains("user"), let user = tokens.user { writer.member("user", UserResponse(user: user)) }
        writer.endObject()
    }
}
