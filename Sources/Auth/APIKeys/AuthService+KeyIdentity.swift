import Foundation
import Runtime
import ValueFormats

extension AuthService {
    /// The caller a live key stands for. Its scopes are the key's scopes that its creator still
    /// holds: the creator's app-level role for an unbound key, their current organization role
    /// for a key bound to an organization; a service token is further limited to its role. So a
    /// key never exceeds its creator, even after a demotion, and a service never exceeds its role.
    /// A key of the app's service account (`loom-server api-key create` without `--owner`) has
    /// no person above it: its own scopes, checked against the app's when it was issued, are its
    /// bound.
    func identity(of key: APIKeyStore.Presented) -> Identity {
        let bound = key.binding.organizationID != nil && !key.bindingCheck.isEndUser
        let creatorScopes: Set<String> =
            key.userStatus == ServiceAccount.status && !bound
            ? ["*"]
            : settings.expanding(
                key.bindingCheck.isEndUser
                    ? settings.endUserScopes : bound ? organizationRoles.scopes(of: key.bindingCheck.role ?? "") : scopes(ofRole: key.userRole))
        // Implied scopes (`auth.impliedScopes`) are added on both sides before the creator's
        // bound applies, as a token of the creator would hold them.
        var granted = settings.expanding(Set(key.scopes)).filter { Identity.scopes(creatorScopes, grant: $0) }
        if let role = key.role {
            let roleScopes = settings.expanding(bound ? organizationRoles.scopes(of: role) : scopes(ofRole: role))
            granted = granted.filter { Identity.scopes(roleScopes, grant: $0) }
        }
        return Identity(
            subject: key.service ?? ValueFormats.lowercaseText(of: key.id), kind: key.service == nil ? "api_key" : "service",
            scopes: Set(granted), userID: ValueFormats.lowercaseText(of: key.userID), organizationID: key.binding.organizationText,
            projectID: key.binding.projectText, environment: key.environment)
    }
}
